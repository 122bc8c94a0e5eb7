using System.Diagnostics;
using Instagram.Grains.Comments;
using Instagram.Grains.Common;
using Instagram.Grains.Common.Errors;
using Instagram.Grains.Media;
using Instagram.Grains.Likes;
using Instagram.Grains.Stories;
using Npgsql;
using Instagram.Grains.Feed;
using Instagram.Grains.Graph;
using Instagram.Grains.Posts;
using Instagram.Grains.Tests.Infrastructure;
using Instagram.Grains.Users;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Instagram.Grains.Tests.Resilience;

/// <summary>
/// Durability of the Cluster profile on the real services: an accepted post reaches every follower exactly once
/// although a silo dies mid-fan-out, and a full restart loses nothing. Each test builds its own clusters.
/// </summary>
[Trait("Category", "Services")]
public sealed class ResilienceTests(ITestOutputHelper output)
{
    private const int Followers = 5_000;

    // Used only to build clusters: each test deploys its own, under its own service id, so no other cluster
    // shares its storage rows or its Redis consumer groups.
    private readonly ServicesClusterFixture _settings = new();

    private IdGenerator Ids => _settings.Ids;

    private TestCluster NewCluster(short silos, string serviceId) => _settings.CreateCluster(silos, serviceId);

    [Fact]
    public async Task PostReachesEveryFollowerExactlyOnceWhenASiloDiesMidFanOut()
    {
        await using var cluster = NewCluster(3, "failover-" + Guid.NewGuid().ToString("N"));
        await cluster.DeployAsync();
        var scenario = new Scenario(cluster.Client, Ids);
        var author = await scenario.CreateUserAsync("author");
        var followers = Enumerable.Range(0, Followers).Select(_ => Ids.NextId()).ToArray();
        foreach (var chunk in followers.Chunk(250))
        {
            await Task.WhenAll(chunk.Select(async id =>
            {
                await cluster.Client.GetGrain<IUserGrain>(id).CreateAsync(new NewAccount($"f{id}", $"f{id}@example.com", "x", null));
                await cluster.Client.GetGrain<IFollowingGrain>(id).FollowAsync(author);
            }));
        }

        var mediaId = await scenario.CreateMediaAsync(author);
        var postId = Ids.NextId();
        var clock = Stopwatch.StartNew();
        await cluster.Client.GetGrain<IPostGrain>(postId).CreateAsync(new NewPost(author, "through a failure", [mediaId], null));

        // Kill a silo as soon as the fan-out is visibly under way.
        await Eventually.TrueAsync(async () => await ReceivedAsync(cluster.Client, followers[0], postId), "fan-out started", TimeSpan.FromSeconds(30));
        var victim = cluster.SecondarySilos[0];
        await cluster.KillSiloAsync(victim);
        output.WriteLine($"Killed silo {victim.SiloAddress} {clock.ElapsedMilliseconds} ms after publishing.");

        var pending = new HashSet<long>(followers);
        while (pending.Count > 0 && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            var done = await Task.WhenAll(pending.Take(1_000).Select(async id => (id, await ReceivedAsync(cluster.Client, id, postId))));
            pending.ExceptWith(done.Where(d => d.Item2).Select(d => d.id));
        }

        var elapsed = clock.Elapsed;
        Assert.Empty(pending);
        var duplicates = 0;
        foreach (var chunk in followers.Chunk(1_000))
        {
            var counts = await Task.WhenAll(chunk.Select(async id =>
                (await cluster.Client.GetGrain<IFeedGrain>(id).GetPageAsync(PageRequest.First(100))).Items.Count(p => p.Post.Id == postId)));
            duplicates += counts.Count(c => c > 1);
            Assert.All(counts, c => Assert.Equal(1, c));
        }

        output.WriteLine($"{Followers} followers, full delivery {elapsed.TotalMilliseconds:F0} ms after publish, duplicates = {duplicates}.");
    }

    [Fact]
    public async Task AFullRestartKeepsUsersFollowsPostsAndFeeds()
    {
        long author, follower, postId;
        var serviceId = "restart-" + Guid.NewGuid().ToString("N");
        await using (var before = NewCluster(2, serviceId))
        {
            await before.DeployAsync();
            var scenario = new Scenario(before.Client, Ids);
            author = await scenario.CreateUserAsync("author");
            follower = await scenario.CreateUserAsync("reader");
            await scenario.FollowAsync(follower, author);
            postId = await scenario.PublishAsync(author, "survives a restart");
            await scenario.AssertInFeedsExactlyOnceAsync([follower], postId);
            await before.Client.GetGrain<IUserLikesGrain>(follower).LikeAsync(postId);
            await before.Client.GetGrain<ICommentGrain>(Ids.NextId()).CreateAsync(new NewComment(postId, follower, "still here?", null));
            await before.StopAllSilosAsync();
        }

        await using var after = NewCluster(2, serviceId);
        await after.DeployAsync();
        var grains = after.Client;
        Assert.NotNull(await grains.GetGrain<IUserGrain>(author).GetSummaryAsync());
        Assert.True(await grains.GetGrain<IFollowingGrain>(follower).IsFollowingAsync(author));
        Assert.Equal(1, await grains.GetGrain<IFollowersGrain>(author).GetCountAsync());
        Assert.Equal(PostStatus.Published, (await grains.GetGrain<IPostGrain>(postId).GetDetailsAsync())?.Status);
        Assert.Equal([postId], await grains.GetGrain<IUserPostsGrain>(author).GetRecentAsync(10));
        var feed = await grains.GetGrain<IFeedGrain>(follower).GetPageAsync(PageRequest.First());
        Assert.Equal([postId], feed.Items.Select(p => p.Post.Id));
        var post = feed.Items[0];
        Assert.True(post.IsLiked);
        Assert.Equal(1, post.Post.LikeCount);
        Assert.Equal(1, post.Post.CommentCount);
    }

    [Fact]
    public async Task ManyAuthorsWithManyStoriesHoldOneReminderEach()
    {
        var serviceId = "reels-" + Guid.NewGuid().ToString("N");
        await using var cluster = NewCluster(2, serviceId);
        await cluster.DeployAsync();
        var scenario = new Scenario(cluster.Client, Ids);
        var authors = await scenario.CreateUsersAsync(6);
        await Task.WhenAll(authors.Select(async author =>
        {
            for (var i = 0; i < 5; i++)
            {
                await cluster.Client.GetGrain<IStoryGrain>(Ids.NextId()).CreateAsync(author, await scenario.CreateMediaAsync(author));
            }
        }));

        Assert.Equal(authors.Length, await CountRemindersAsync(serviceId));
    }

    [Fact]
    public async Task StoriesCreatedBeforeAFullRestartArePurgedAfterIt()
    {
        var serviceId = "story-restart-" + Guid.NewGuid().ToString("N");
        long author, mediaId;
        await using (var before = NewCluster(2, serviceId))
        {
            await before.DeployAsync();
            var scenario = new Scenario(before.Client, Ids);
            author = await scenario.CreateUserAsync();
            mediaId = await scenario.CreateMediaAsync(author);
            await before.Client.GetGrain<IStoryGrain>(Ids.NextId()).CreateAsync(author, mediaId);
            await before.StopAllSilosAsync(); // well before the story's reminder is due
        }

        Assert.Equal(1, await CountRemindersAsync(serviceId));
        await using var after = NewCluster(2, serviceId);
        await after.DeployAsync();
        await Eventually.TrueAsync(async () => await CountRemindersAsync(serviceId) == 0, "reminder fired and unregistered after the restart", TimeSpan.FromSeconds(90));
        var error = await Assert.ThrowsAsync<DomainException>(() => after.Client.GetGrain<IMediaGrain>(mediaId).GetOwnedViewAsync(author));
        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
        Assert.Empty(await after.Client.GetGrain<IStoryReelGrain>(author).GetActiveAsync());
    }

    private static async Task<long> CountRemindersAsync(string serviceId)
    {
        await using var connection = new NpgsqlConnection(ServicesClusterFixture.Setting("Postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansRemindersTable WHERE ServiceId = @service", connection);
        command.Parameters.AddWithValue("service", serviceId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<bool> ReceivedAsync(IGrainFactory grains, long followerId, long postId) =>
        (await grains.GetGrain<IFeedGrain>(followerId).GetPageAsync(PageRequest.First(5))).Items.Any(p => p.Post.Id == postId);
}
