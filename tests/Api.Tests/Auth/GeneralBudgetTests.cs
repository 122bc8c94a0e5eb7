using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Auth;

/// <summary>Every request draws on a general budget per user (per address when anonymous); uploads have their own.</summary>
[Collection(ForwardingCollection.Name)]
public sealed class GeneralBudgetTests(ForwardingApiFactory factory)
{
    [Fact]
    public async Task ReadsWithoutAPolicyOfTheirOwnRunOutOfTheGeneralBudgetButHealthChecksDoNot()
    {
        var (client, username) = await SignedInClientAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= ForwardingApiFactory.GeneralLimit; i++)
        {
            statuses.Add((await client.GetAsync($"/v1/users/{username}")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.OK, statuses);
        var refused = await client.GetAsync("/v1/users/me");
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task AnonymousRequestsHaveABudgetPerAddress()
    {
        // The upload URL is the one anonymous write: forged signatures cost a 403 each, until the address runs out.
        var client = factory.ClientFrom(factory.NewClientAddress());
        const string Forged = "/v1/media/uploads/123?expires=4102444800&sig=forged";
        for (var i = 0; i < ForwardingApiFactory.GeneralLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsync(Forged, new ByteArrayContent([1, 2, 3]))).StatusCode);
        }

        await ProblemAssert.IsProblemAsync(await client.PutAsync(Forged, new ByteArrayContent([1, 2, 3])), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task UploadSlotsAreLimited()
    {
        var (client, _) = await SignedInClientAsync();

        for (var i = 0; i < ForwardingApiFactory.UploadLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/v1/media/uploads", new { contentType = "image/png", sizeBytes = 100 })).StatusCode);
        }

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/v1/media/uploads", new { contentType = "image/png", sizeBytes = 100 }), HttpStatusCode.TooManyRequests);
    }

    /// <summary>A new account, signed in, on a client address no other test uses.</summary>
    private async Task<(HttpClient Client, string Username)> SignedInClientAsync()
    {
        var client = factory.ClientFrom(factory.NewClientAddress());
        var username = "u_" + Guid.NewGuid().ToString("N")[..20];
        var registered = await client.PostAsJsonAsync("/v1/auth/register", new { username, email = $"{username}@example.com", password = "correct horse battery" });
        var token = (await registered.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, username);
    }
}
