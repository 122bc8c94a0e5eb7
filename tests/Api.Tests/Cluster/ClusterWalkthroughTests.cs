using System.Globalization;
using System.Net;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Cluster;

/// <summary>
/// The README's Cluster-profile walkthrough as processes: two silos and an Api started the way the README starts them
/// (its environment variables, the built programs, the local services), then the walkthrough's steps over HTTP — three
/// people, a follow, a photo uploaded straight to Blob Storage, the push path, then a second follower that makes the
/// author a celebrity (threshold 2) and the pull path — and every feed holding each post exactly once.
/// </summary>
[Trait("Category", "Services")]
public sealed class ClusterWalkthroughTests
{
    [Fact]
    public async Task TheReadmesClusterWalkthroughWorksOnTwoSilosAndAnApi()
    {
        var cluster = "walkthrough-" + Guid.NewGuid().ToString("N");
        await using var first = await SiloProcess.StartAsync(SiloEnvironment(cluster, generatorId: 94));
        await using var second = await SiloProcess.StartAsync(SiloEnvironment(cluster, generatorId: 95));
        var apiEnvironment = ClusterSiloHost.ProcessEnvironment(cluster, generatorId: 96);
        apiEnvironment["Jwt__SigningKey"] = ApiFactory.SigningKey;
        await using var api = ApiProcess.Start(apiEnvironment);
        await Eventually.TrueAsync(async () => await HttpProbe.StatusAsync(api.Http, "/health/ready") == HttpStatusCode.OK, "the Api ready with its silos", TimeSpan.FromSeconds(90));
        HttpClient Client() => new() { BaseAddress = api.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        var alice = await ApiClient.RegisterAsync(Client(), "alice");
        var bob = await ApiClient.RegisterAsync(Client(), "bob");
        var carol = await ApiClient.RegisterAsync(Client(), "carol");

        await bob.FollowAsync(alice);
        var pushed = await alice.PublishAsync("First light #sunrise");
        await Eventually.TrueAsync(async () => (await bob.FeedPostIdsAsync()).Contains(pushed), "bob's feed has the pushed post", TimeSpan.FromSeconds(30));

        await carol.FollowAsync(alice); // two followers: alice is a celebrity now
        var pulled = await alice.PublishAsync("Second light");
        foreach (var reader in new[] { bob, carol })
        {
            await Eventually.TrueAsync(async () => (await reader.FeedPostIdsAsync()).Contains(pulled), $"{reader.Username}'s feed pulls the new post", TimeSpan.FromSeconds(30));
        }

        var bobsFeed = await bob.FeedPostIdsAsync();
        Assert.Equal(1, bobsFeed.Count(id => id == pushed));
        Assert.Equal(1, bobsFeed.Count(id => id == pulled));
        Assert.Equal(1, (await carol.FeedPostIdsAsync()).Count(id => id == pulled));
        var photo = (await alice.GetJsonAsync($"/v1/posts/{pushed}"))!["media"]![0]!["variants"]!["full"]!.GetValue<string>();
        using var variant = await api.Http.GetAsync(new Uri(photo, UriKind.RelativeOrAbsolute).IsAbsoluteUri ? new Uri(photo).PathAndQuery : photo);
        Assert.Equal(HttpStatusCode.OK, variant.StatusCode);
    }

    // The README's silo lines: each its own ports (SiloProcess picks free ones) and id generator, plus the walkthrough's
    // threshold of 2, so the pull path shows with three people.
    private static Dictionary<string, string> SiloEnvironment(string cluster, int generatorId)
    {
        var environment = ClusterSiloHost.ProcessEnvironment(cluster, generatorId);
        environment["Feed__CelebrityThreshold"] = 2.ToString(CultureInfo.InvariantCulture);
        return environment;
    }
}
