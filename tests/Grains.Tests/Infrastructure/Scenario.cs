using Instagram.Grains.Common;
using Instagram.Grains.Feed;
using Instagram.Grains.Graph;
using Instagram.Grains.Media;
using Instagram.Grains.Posts;
using Instagram.Grains.Users;

namespace Instagram.Grains.Tests.Infrastructure;

/// <summary>Builds users, follows and posts straight through the grains, with fresh ids for every test.</summary>
public sealed class Scenario(IGrainFactory grains, IdGenerator ids)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public async Task<long> CreateUserAsync(string? prefix = null)
    {
        var id = ids.NextId();
        var name = $"{prefix ?? "u"}{id}";
        await grains.GetGrain<IUserGrain>(id).CreateAsync(new NewAccount(name, $"{name}@example.com", "hash", name));
        return id;
    }

    public async Task<long[]> CreateUsersAsync(int count) => await Task.WhenAll(Enumerable.Range(0, count).Select(_ => CreateUserAsync()));

    public Task FollowAsync(long followerId, long targetId) => grains.GetGrain<IFollowingGrain>(followerId).FollowAsync(targetId);

    public Task FollowAllAsync(IEnumerable<long> followers, long targetId) => Task.WhenAll(followers.Select(f => FollowAsync(f, targetId)));

    public async Task<long> CreateMediaAsync(long ownerId, string? storageKey = null)
    {
        var mediaId = ids.NextId();
        var media = grains.GetGrain<IMediaGrain>(mediaId);
        await media.CreateUploadAsync(new MediaUploadSlot(ownerId, "image/png", 100, DateTimeOffset.UtcNow.AddMinutes(5), false));
        await grains.GetGrain<IMediaTestSeam>(mediaId).CompleteUploadAsync(new StoredMedia("image/png", 10, 10, 100, $"/media/{mediaId}/original.png", storageKey));
        return mediaId;
    }

    /// <summary>A ready video (registered as stored: no ffmpeg), vertical unless told otherwise.</summary>
    public async Task<long> CreateVideoAsync(long ownerId, int width = 1080, int height = 1920, int durationMs = 12_000)
    {
        var mediaId = ids.NextId();
        await grains.GetGrain<IMediaGrain>(mediaId).CreateUploadAsync(new MediaUploadSlot(ownerId, "video/mp4", 100, DateTimeOffset.UtcNow.AddMinutes(5), false));
        await grains.GetGrain<IMediaTestSeam>(mediaId).CompleteUploadAsync(new StoredMedia("video/mp4", width, height, 100, $"/media/{mediaId}/master.m3u8", DurationMs: durationMs));
        return mediaId;
    }

    /// <summary>Creates a reel of a fresh vertical video and waits until it is published.</summary>
    public async Task<long> PublishReelAsync(long authorId)
    {
        var reelId = ids.NextId();
        var reel = grains.GetGrain<IPostGrain>(reelId);
        await reel.CreateAsync(new NewPost(authorId, "a reel", [await CreateVideoAsync(authorId)], null, PostKind.Reel));
        await Eventually.TrueAsync(async () => (await reel.GetDetailsAsync())?.Status == PostStatus.Published, "reel published");
        return reelId;
    }

    /// <summary>Creates a post and waits until it is published (publication runs off the calling path).</summary>
    public async Task<long> PublishAsync(long authorId, string caption = "hello")
    {
        var postId = ids.NextId();
        var post = grains.GetGrain<IPostGrain>(postId);
        await post.CreateAsync(new NewPost(authorId, caption, [await CreateMediaAsync(authorId)], null));
        await Eventually.TrueAsync(async () => (await post.GetDetailsAsync())?.Status == PostStatus.Published, "post published");
        return postId;
    }

    public async Task<List<long>> ReadWholeFeedAsync(long userId, int pageSize = 100)
    {
        var feed = grains.GetGrain<IFeedGrain>(userId);
        var all = new List<long>();
        long? cursor = null;
        do
        {
            var page = await feed.GetPageAsync(new PageRequest(cursor, pageSize));
            // Cold-start suggestions are not part of the graph's feed.
            all.AddRange(page.Items.Where(p => !p.Suggested).Select(p => p.Post.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return all;
    }

    /// <summary>Waits until every listed feed holds <paramref name="postId"/>, then checks it is there exactly once.</summary>
    public async Task AssertInFeedsExactlyOnceAsync(IEnumerable<long> followers, long postId)
    {
        await Task.WhenAll(followers.Select(async follower =>
        {
            await Eventually.TrueAsync(async () => (await ReadWholeFeedAsync(follower)).Contains(postId), $"post {postId} in feed {follower}");
            Assert.Equal(1, (await ReadWholeFeedAsync(follower)).Count(id => id == postId));
        }));
    }
}
