using Instagram.Grains;
using Instagram.Grains.Common;
using Instagram.Grains.Feed;
using Instagram.Grains.Graph;
using Instagram.Grains.Media;
using Instagram.Grains.Posts;
using Instagram.Grains.Users;
using Instagram.Silo.Hosting;
using Orleans.TestingHost;

namespace Instagram.Silo.Tests.MultiRegion;

/// <summary>
/// One region: its own Orleans cluster (one Embedded-profile silo, in this process), its own id generator range, and
/// the writes and reads the simulation needs, straight through the grains as the region's Api would make them.
/// </summary>
public sealed class Region : IAsyncDisposable
{
    private Region(int index, string name, TestCluster cluster)
    {
        Index = index;
        Name = name;
        Cluster = cluster;
        Ids = new IdGenerator(HomeRegions.FirstGenerator(index));
    }

    public int Index { get; }

    public string Name { get; }

    public TestCluster Cluster { get; }

    public IdGenerator Ids { get; }

    private IGrainFactory Grains => Cluster.Client;

    public static async Task<Region> StartAsync(int index, string runId)
    {
        var name = $"region{index}-{runId}";
        var builder = new TestClusterBuilder(1);
        builder.Options.ClusterId = name;
        builder.Options.ServiceId = name;
        builder.Properties[ReplicationOutboxGrain.RegionNameKey] = name;
        builder.Properties[ReplicationOutboxGrain.RegionIndexKey] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties["Media:LocalPath"] = Path.Combine(Path.GetTempPath(), "instagram-multi-region-tests");
        builder.AddSiloBuilderConfigurator<SiloSetup>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new Region(index, name, cluster);
    }

    /// <summary>Accounts exist in every region under the same id (the user directory is replicated ahead of this simulation).</summary>
    public Task CreateAccountAsync(long userId) =>
        Grains.GetGrain<IUserGrain>(userId).CreateAsync(new NewAccount($"u{userId}", $"u{userId}@example.com", "hash", $"u{userId}"));

    /// <summary>A write at the author's home: a new post id from this region's range, published before it returns.</summary>
    public async Task<long> PublishAsync(long authorId, string caption)
    {
        var postId = Ids.NextId();
        await CreatePostAsync(postId, authorId, caption);
        return postId;
    }

    /// <summary>A replicated post: the same id as at home; a repeat of an applied change does nothing.</summary>
    public async Task ApplyPostAsync(long postId, long authorId, string caption)
    {
        if (await Grains.GetGrain<IPostGrain>(postId).GetDetailsAsync() is null)
        {
            await CreatePostAsync(postId, authorId, caption);
        }
    }

    public Task FollowAsync(long followerId, long followeeId) => Grains.GetGrain<IFollowingGrain>(followerId).FollowAsync(followeeId);

    public Task<bool> IsFollowingAsync(long followerId, long followeeId) => Grains.GetGrain<IFollowingGrain>(followerId).IsFollowingAsync(followeeId);

    /// <summary>The author's own newest posts, as their profile shows them.</summary>
    public Task<long[]> OwnPostsAsync(long authorId) => Grains.GetGrain<IUserPostsGrain>(authorId).GetRecentAsync(100);

    public Task<PostDetails?> PostAsync(long postId) => Grains.GetGrain<IPostGrain>(postId).GetDetailsAsync();

    public async Task<List<long>> FeedAsync(long userId)
    {
        var page = await Grains.GetGrain<IFeedGrain>(userId).GetPageAsync(new PageRequest(null, 100));
        return [.. page.Items.Where(p => !p.Suggested).Select(p => p.Post.Id)];
    }

    private async Task CreatePostAsync(long postId, long authorId, string caption)
    {
        // Media bytes are region-neutral (geo-replicated blob storage behind the CDN): each region registers its own item.
        var mediaId = Ids.NextId();
        await Grains.GetGrain<IMediaGrain>(mediaId).CreateUploadAsync(new MediaUploadSlot(authorId, "image/png", 100, DateTimeOffset.UtcNow.AddMinutes(5), false));
        await Grains.GetGrain<IMediaTestSeam>(mediaId).CompleteUploadAsync(new StoredMedia("image/png", 10, 10, 100, $"/media/{mediaId}/original.png"));
        var post = Grains.GetGrain<IPostGrain>(postId);
        await post.CreateAsync(new NewPost(authorId, caption, [mediaId], null));
        await Eventually.TrueAsync(async () => (await post.GetDetailsAsync())?.Status == PostStatus.Published, $"post {postId} published in {Name}");
    }

    public async ValueTask DisposeAsync()
    {
        ReplicationHub.Close(Name);
        await Cluster.DisposeAsync();
    }

    private sealed class SiloSetup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.AddInstagramGrains().AddEmbeddedProviders();
    }
}
