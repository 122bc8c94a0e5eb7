using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Operations;

/// <summary>
/// The Api joins nothing itself: a list route is one grain call, which returns the page hydrated for the viewer. Counted
/// by an outgoing call filter on the Api's grain factory that records calls made by a request's handler (calls grains make
/// to each other are not the Api's and are left out).
/// </summary>
public sealed class ClusterCallsPerRequestTests(ClusterCallsPerRequestTests.CountingApiFactory factory) : IClassFixture<ClusterCallsPerRequestTests.CountingApiFactory>
{
    [Fact]
    public async Task GettingCommentsIsOneClusterCallHoweverManyCommentsAndAuthors()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var a = await ApiClient.RegisterAsync(factory);
        var b = await ApiClient.RegisterAsync(factory);
        var postId = await author.PublishAsync();
        var first = await a.CommentAsync(postId, "first!");
        await b.CommentAsync(postId, "a reply", first["id"]!.GetValue<string>());
        await author.CommentAsync(postId, "third");

        var path = $"/v1/posts/{postId}/comments";
        var (page, calls) = await factory.CallsDuringAsync(path, () => a.GetJsonAsync(path));

        Assert.Equal(3, page!["items"]!.AsArray().Count);
        Assert.Equal(["IPostGrain.GetCommentsAsync"], calls);
    }

    [Fact]
    public async Task GettingLikersIsOneClusterCall()
    {
        var author = await ApiClient.RegisterAsync(factory);
        var fan = await ApiClient.RegisterAsync(factory);
        var postId = await author.PublishAsync();
        await fan.LikeAsync(postId);
        await author.LikeAsync(postId);

        var path = $"/v1/posts/{postId}/likes";
        var (page, calls) = await factory.CallsDuringAsync(path, () => fan.GetJsonAsync(path));

        Assert.Equal(2, page!["items"]!.AsArray().Count);
        Assert.Equal(["IPostGrain.GetLikersAsync"], calls);
    }

    [Fact]
    public async Task GettingFollowersFollowingOrTheGridIsOneClusterCall()
    {
        var star = await ApiClient.RegisterAsync(factory);
        var fan = await ApiClient.RegisterAsync(factory);
        var other = await ApiClient.RegisterAsync(factory);
        await fan.FollowAsync(star);
        await other.FollowAsync(star);

        var followers = $"/v1/users/{star.Id}/followers";
        var (page, calls) = await factory.CallsDuringAsync(followers, () => fan.GetJsonAsync(followers));
        Assert.Equal(2, page!["items"]!.AsArray().Count);
        Assert.Equal(["IUserGrain.GetFollowersAsync"], calls);

        var following = $"/v1/users/{fan.Id}/following";
        (page, calls) = await factory.CallsDuringAsync(following, () => other.GetJsonAsync(following));
        Assert.Equal([star.Username], page!["items"]!.AsArray().Select(u => u!["username"]!.GetValue<string>()));
        Assert.Equal(["IUserGrain.GetFollowingAsync"], calls);

        var grid = $"/v1/users/{star.Id}/posts";
        (_, calls) = await factory.CallsDuringAsync(grid, () => fan.GetJsonAsync(grid));
        Assert.Equal(["IUserGrain.GetPostsAsync"], calls);
    }

    [Fact]
    public async Task GettingAHashtagPageIsOneClusterCallHoweverManyPostsAndAuthors()
    {
        var tag = "calls" + Guid.NewGuid().ToString("N")[..8];
        var a = await ApiClient.RegisterAsync(factory);
        var b = await ApiClient.RegisterAsync(factory);
        var reader = await ApiClient.RegisterAsync(factory);
        await a.PublishAsync($"one #{tag}");
        await b.PublishAsync($"two #{tag}");
        await a.PublishAsync($"three #{tag}");

        var path = $"/v1/hashtags/{tag}/posts";
        // The tag's list is fed by the post events: wait until it holds all three before counting.
        await Eventually.TrueAsync(async () => (await reader.GetJsonAsync(path))!["items"]!.AsArray().Count == 3, "three posts on the tag page");
        var (page, calls) = await factory.CallsDuringAsync(path, () => reader.GetJsonAsync(path));

        Assert.Equal(3, page!["items"]!.AsArray().Count);
        Assert.Equal(["IHashtagGrain.GetPostsAsync"], calls);
    }

    [Fact]
    public async Task GettingTrendingIsOneClusterCallHoweverManyTags()
    {
        var tags = Enumerable.Range(0, 3).Select(i => $"trend{i}" + Guid.NewGuid().ToString("N")[..8]).ToArray();
        var author = await ApiClient.RegisterAsync(factory);
        await author.PublishAsync(string.Join(' ', tags.Select(t => "#" + t)));

        const string path = "/v1/trending";
        const string request = path + "?window=1h";
        // Uses reach the window after a flush: wait until all three tags trend before counting.
        await Eventually.TrueAsync(async () => tags.All(new HashSet<string>(TrendingTags(await author.GetJsonAsync(request))).Contains), "the three tags trending");
        var (trending, calls) = await factory.CallsDuringAsync(path, () => author.GetJsonAsync(request));

        Assert.Subset(new HashSet<string>(TrendingTags(trending)), new HashSet<string>(tags));
        Assert.Equal(["ITrendingGrain.GetTopWithPostCountsAsync"], calls);
    }

    private static IEnumerable<string> TrendingTags(System.Text.Json.Nodes.JsonObject? trending) =>
        trending!["tags"]!.AsArray().Select(t => t!["tag"]!.GetValue<string>());

    public sealed class CountingApiFactory : ApiFactory
    {
        private readonly ConcurrentQueue<(string Path, string Call)> _calls = new();

        /// <summary>The grain calls (interface.method) the Api made while serving <paramref name="path"/> during <paramref name="request"/>.</summary>
        public async Task<(T Result, string[] Calls)> CallsDuringAsync<T>(string path, Func<Task<T>> request)
        {
            _calls.Clear();
            var result = await request();
            return (result, [.. _calls.Where(c => c.Path == path).Select(c => c.Call)]);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IOutgoingGrainCallFilter>(sp =>
                new RequestCallRecorder(sp.GetRequiredService<IHttpContextAccessor>(), _calls)));
        }
    }

    private sealed class RequestCallRecorder(IHttpContextAccessor http, ConcurrentQueue<(string Path, string Call)> calls) : IOutgoingGrainCallFilter
    {
        public Task Invoke(IOutgoingGrainCallContext context)
        {
            // A call from a grain has that grain as its source; the Api's calls come from the client side.
            if (http.HttpContext is { } request && (context.SourceId is not { } source || source.IsClient()))
            {
                var type = context.InterfaceMethod.DeclaringType?.Name ?? context.InterfaceName;
                calls.Enqueue((request.Request.Path.Value ?? "", $"{type}.{context.MethodName}"));
            }

            return context.Invoke();
        }
    }
}
