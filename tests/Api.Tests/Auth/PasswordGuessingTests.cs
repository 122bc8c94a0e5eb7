using System.Net;
using System.Net.Http.Json;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Auth;

/// <summary>
/// Password guessing is slow: the anonymous auth endpoints have a budget per client address (forwarded addresses
/// count only from trusted proxies), and logins to one account back off whatever address they come from.
/// </summary>
[Collection(ForwardingCollection.Name)]
public sealed class PasswordGuessingTests(ForwardingApiFactory factory)
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task GuessesLockTheAccountAgainstEvenTheRightPasswordUntilTheBackoffEnds()
    {
        var victim = await RegisterAsync();
        var bystander = await RegisterAsync();

        // Every guess from a new address: the per-address budget never stops them, the account's backoff does.
        for (var i = 0; i <= ForwardingApiFactory.FreeLoginAttempts; i++)
        {
            await ProblemAssert.IsProblemAsync(await LoginAsync(FreshClient(), victim, "guess number " + i), HttpStatusCode.Unauthorized);
        }

        var refused = await LoginAsync(FreshClient(), victim, Password);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        var wait = refused.Headers.RetryAfter?.Delta;
        Assert.True(wait > TimeSpan.Zero, "Retry-After names the wait");
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(FreshClient(), bystander, Password)).StatusCode); // one account only

        await Task.Delay(wait!.Value + TimeSpan.FromMilliseconds(200));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(FreshClient(), victim, Password)).StatusCode);
        // A successful login starts the count afresh: the next wrong password is an ordinary 401.
        await ProblemAssert.IsProblemAsync(await LoginAsync(FreshClient(), victim, "wrong again"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnknownLoginsBackOffLikeRealOnes()
    {
        var nobody = "nobody_" + Guid.NewGuid().ToString("N")[..10];
        for (var i = 0; i <= ForwardingApiFactory.FreeLoginAttempts; i++)
        {
            await ProblemAssert.IsProblemAsync(await LoginAsync(FreshClient(), nobody, "guess " + i), HttpStatusCode.Unauthorized);
        }

        await ProblemAssert.IsProblemAsync(await LoginAsync(FreshClient(), nobody, "guess"), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task EachClientAddressHasABudgetForRegisterLoginAndRefresh()
    {
        var client = FreshClient();
        for (var i = 0; i < ForwardingApiFactory.AuthLimit; i++)
        {
            var response = (i % 3) switch
            {
                0 => await LoginAsync(client, NewName(), "whatever1"),
                1 => await client.PostAsJsonAsync("/v1/auth/refresh", new { refreshToken = "not-a-token" }),
                _ => await client.PostAsJsonAsync("/v1/auth/register", new { username = "bad name!", email = "x@example.com", password = "longenough" }),
            };
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
        }

        foreach (var refused in new[]
        {
            await LoginAsync(client, NewName(), "whatever1"),
            await client.PostAsJsonAsync("/v1/auth/refresh", new { refreshToken = "not-a-token" }),
            await client.PostAsJsonAsync("/v1/auth/register", new { username = NewName(), email = NewName() + "@example.com", password = "longenough" }),
        })
        {
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }

        await ProblemAssert.IsProblemAsync(await LoginAsync(FreshClient(), NewName(), "whatever1"), HttpStatusCode.Unauthorized); // another address
    }

    [Fact]
    public async Task ForwardedAddressesCountOnlyWhenATrustedProxySendsThem()
    {
        // A client that forges X-Forwarded-For still spends its own address's budget.
        var forger = FreshClient();
        for (var i = 0; i < ForwardingApiFactory.AuthLimit; i++)
        {
            await LoginAsync(forger, NewName(), "whatever1", forwardedFor: $"198.51.100.{i + 1}");
        }

        await ProblemAssert.IsProblemAsync(await LoginAsync(forger, NewName(), "whatever1", forwardedFor: "198.51.100.200"), HttpStatusCode.TooManyRequests);

        // Through the trusted proxy each forwarded client has its own budget.
        var proxy = factory.ClientFrom(ForwardingApiFactory.TrustedProxy);
        var client = "203.0.113." + Random.Shared.Next(1, 250);
        for (var i = 0; i < ForwardingApiFactory.AuthLimit; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await LoginAsync(proxy, NewName(), "whatever1", forwardedFor: client)).StatusCode);
        }

        await ProblemAssert.IsProblemAsync(await LoginAsync(proxy, NewName(), "whatever1", forwardedFor: client), HttpStatusCode.TooManyRequests);
        await ProblemAssert.IsProblemAsync(await LoginAsync(proxy, NewName(), "whatever1", forwardedFor: "192.0.2.77"), HttpStatusCode.Unauthorized);
    }

    private HttpClient FreshClient() => factory.ClientFrom(factory.NewClientAddress());

    private async Task<string> RegisterAsync()
    {
        var username = NewName();
        var response = await FreshClient().PostAsJsonAsync("/v1/auth/register", new { username, email = $"{username}@example.com", password = Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return username;
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string login, string password, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/login") { Content = JsonContent.Create(new { login, password }) };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return client.SendAsync(request);
    }

    private static string NewName() => "u_" + Guid.NewGuid().ToString("N")[..20];
}
