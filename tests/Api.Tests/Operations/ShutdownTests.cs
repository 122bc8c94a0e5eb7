using System.Net;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Operations;

/// <summary>
/// Stopping the product (`dotnet run --project Api`, then Ctrl+C) after some use: the Embedded silo's grains deactivate
/// together with the in-memory storage they would write to on the way out, and that must not print a failure with a
/// stack trace for every grain that had something to settle.
/// </summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task StoppingTheEmbeddedApiAfterFollowsLogsNoFailures()
    {
        await using var api = ApiProcess.Start(new Dictionary<string, string>
        {
            ["Jwt__SigningKey"] = ApiFactory.SigningKey,
            ["Media__LocalPath"] = Path.Combine(Path.GetTempPath(), "instagram-api-tests", Guid.NewGuid().ToString("N")),
        });
        await Eventually.TrueAsync(async () => await HttpProbe.StatusAsync(api.Http, "/health/ready") == HttpStatusCode.OK, "the Embedded Api ready", TimeSpan.FromSeconds(60));
        HttpClient Client() => new() { BaseAddress = api.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var alice = await ApiClient.RegisterAsync(Client(), "alice");
        var bob = await ApiClient.RegisterAsync(Client(), "bob");
        var carol = await ApiClient.RegisterAsync(Client(), "carol");
        await bob.FollowAsync(alice); // the follower and following heads now settle on deactivation
        await carol.FollowAsync(alice);
        await alice.PublishAsync("before the lights go out #shutdown"); // and trending has a buffer to flush

        await api.StopAsync();

        Assert.Contains(api.Output, line => line.Contains("Instagram.Api stopped", StringComparison.Ordinal));
        var failures = api.Output.Where(line => line.Contains(" fail: ", StringComparison.Ordinal)).ToList();
        Assert.True(failures.Count == 0, "failures logged while stopping:\n" + string.Join("\n", failures));
    }
}
