using Instagram.Grains.Common;
using Instagram.Grains.Feed;
using Instagram.Grains.Graph;
using Instagram.Grains.Posts;
using Instagram.Grains.Tests.Infrastructure;
using Orleans.Core.Internal;
using Orleans.Runtime;

namespace Instagram.Grains.Tests.Feed;

/// <summary>The feed's behaviour, written once and run on both profiles (see the derived classes).</summary>
public abstract class FanOutTests(ClusterFixture fixture)
{
    private readonly Scenario _scenario = new(fixture.Grains, fixture.Ids);
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task PublishedPostIsPushedToEveryFollowersFeed()
    {
        var author = await _scenario.CreateUserAsync();
        var followers = await _scenario.CreateUsersAsync(ClusterFixture.CelebrityThreshold - 5);
        await _scenario.FollowAllAsync(followers, author);

        var postId = await _scenario.PublishAsync(author);

        await _scenario.AssertInFeedsExactlyOnceAsync(followers, postId);
        // A feed's first read pulls from the timelines, so the post may be there before its push lands: wait for it.
        foreach (var follower in followers)
        {
            var feed = Grains.GetGrain<IFeedGrain>(follower);
            await Eventually.TrueAsync(async () => (await feed.GetDiagnosticsAsync()).PushedItemsReceived >= 1, "pushed");
            Assert.Equal(1, (await feed.GetDiagnosticsAsync()).PushedItemsReceived);
        }
    }

    [Fact]
    public async Task AFeedHoldsWhatWasPushedAndAFreshActivationWhatItsRebuildPulls()
    {
        var author = await _scenario.CreateUserAsync();
        var follower = await _scenario.CreateUserAsync();
        await _scenario.FollowAsync(follower, author);
        var feed = Grains.GetGrain<IFeedGrain>(follower);
        await feed.GetPageAsync(PageRequest.First(1)); // built before the post, so the post can only arrive by push

        var postId = await _scenario.PublishAsync(author);

        await Eventually.TrueAsync(() => feed.HoldsAsync(postId), "held");
        Assert.Equal(1, (await feed.GetDiagnosticsAsync()).PushedItemsReceived);
        Assert.False(await feed.HoldsAsync(fixture.Ids.NextId()));
        var stranger = await _scenario.CreateUserAsync();
        var held = await Grains.GetGrain<IFeedProbeGrain>(0).HoldAsync(postId, [follower, stranger, follower]);
        Assert.Equal(new[] { true, false, true }, held);
        Assert.Equal(new long[] { 1, 0 }, await Grains.GetGrain<IFeedProbeGrain>(0).PushedItemsAsync([follower, stranger]));
        await feed.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.TrueAsync(async () => (await feed.GetDiagnosticsAsync()).PushedItemsReceived == 0, "reactivated");
        Assert.True(await feed.HoldsAsync(postId));
    }

    [Fact]
    public async Task APostIsOnItsAuthorsTimelineWhenTheCreateCallAnswers()
    {
        // The hand-off to the timeline (which is durable and starts the fan-out) must not be left to a timer: a timer
        // dies with its silo, and a post accepted just before a crash would reach no feed.
        var author = await _scenario.CreateUserAsync();
        var follower = await _scenario.CreateUserAsync();
        await _scenario.FollowAsync(follower, author);
        var postId = fixture.Ids.NextId();
        var timeline = Grains.GetGrain<IUserPostsGrain>(author);
        FaultInjection.DelayOnce(timeline.GetGrainId(), nameof(IUserPostsGrain.OnPublishedAsync), TimeSpan.FromSeconds(2));

        await Grains.GetGrain<IPostGrain>(postId).CreateAsync(new NewPost(author, "handed on at once", [await _scenario.CreateMediaAsync(author)], null));

        Assert.Contains(postId, await timeline.GetRecentAsync(10));
        await _scenario.AssertInFeedsExactlyOnceAsync([follower], postId);
    }

    [Fact]
    public async Task APostWhoseHandOffFailedIsDistributedAfterItsActivationIsGone()
    {
        var author = await _scenario.CreateUserAsync();
        var follower = await _scenario.CreateUserAsync();
        await _scenario.FollowAsync(follower, author);
        var timeline = Grains.GetGrain<IUserPostsGrain>(author);
        FaultInjection.FailOnceBefore(timeline.GetGrainId(), nameof(IUserPostsGrain.OnPublishedAsync)); // its silo is dying
        var postId = fixture.Ids.NextId();
        var post = Grains.GetGrain<IPostGrain>(postId);

        await post.CreateAsync(new NewPost(author, "retried after a crash", [await _scenario.CreateMediaAsync(author)], null));
        await post.Cast<IGrainManagementExtension>().DeactivateOnIdle(); // the post's own activation goes too, timers and all

        await Eventually.TrueAsync(async () => (await timeline.GetRecentAsync(10)).Contains(postId), "distributed without the activation", TimeSpan.FromSeconds(30));
        await _scenario.AssertInFeedsExactlyOnceAsync([follower], postId);
    }

    [Fact]
    public async Task CelebrityPostIsPulledByFollowersWithoutAnyPush()
    {
        var celebrity = await _scenario.CreateUserAsync();
        var followers = await _scenario.CreateUsersAsync(ClusterFixture.CelebrityThreshold + 2);
        await _scenario.FollowAllAsync(followers, celebrity);

        var postId = await _scenario.PublishAsync(celebrity);

        await _scenario.AssertInFeedsExactlyOnceAsync(followers, postId);
        foreach (var follower in followers)
        {
            Assert.Equal(0, (await Grains.GetGrain<IFeedGrain>(follower).GetDiagnosticsAsync()).PushedItemsReceived);
        }
    }

    [Fact]
    public async Task ACelebritysNextPostReachesAFeedThatHasAlreadyMergedItsTimeline()
    {
        var celebrity = await _scenario.CreateUserAsync();
        var followers = await _scenario.CreateUsersAsync(ClusterFixture.CelebrityThreshold + 1);
        await _scenario.FollowAllAsync(followers, celebrity);
        var first = await _scenario.PublishAsync(celebrity);
        await _scenario.AssertInFeedsExactlyOnceAsync(followers, first);

        // The feeds have merged the timeline with `first` at its head; each read after this must notice the new head.
        var second = await _scenario.PublishAsync(celebrity);

        await _scenario.AssertInFeedsExactlyOnceAsync(followers, second);
        await _scenario.AssertInFeedsExactlyOnceAsync(followers, first);
    }

    [Fact]
    public async Task CrossingTheThresholdUpwardsKeepsEveryPostExactlyOnce()
    {
        var author = await _scenario.CreateUserAsync();
        var early = await _scenario.CreateUsersAsync(ClusterFixture.CelebrityThreshold - 1);
        await _scenario.FollowAllAsync(early, author);
        var pushed = await _scenario.PublishAsync(author);
        await _scenario.AssertInFeedsExactlyOnceAsync(early, pushed);

        var late = await _scenario.CreateUsersAsync(3);
        await _scenario.FollowAllAsync(late, author);
        var pulled = await _scenario.PublishAsync(author);

        var everyone = early.Concat(late).ToArray();
        await _scenario.AssertInFeedsExactlyOnceAsync(everyone, pushed);
        await _scenario.AssertInFeedsExactlyOnceAsync(everyone, pulled);
    }

    [Fact]
    public async Task CrossingTheThresholdDownwardsKeepsEveryPostExactlyOnce()
    {
        var author = await _scenario.CreateUserAsync();
        var followers = await _scenario.CreateUsersAsync(ClusterFixture.CelebrityThreshold);
        await _scenario.FollowAllAsync(followers, author);
        var asCelebrity = await _scenario.PublishAsync(author);
        await _scenario.AssertInFeedsExactlyOnceAsync(followers, asCelebrity);

        // Down to one below the demotion bound, a margin under the threshold.
        var leaving = followers.Length - (int)DemotionBelow + 1;
        foreach (var follower in followers[..leaving])
        {
            await Grains.GetGrain<IFollowingGrain>(follower).UnfollowAsync(author);
        }

        var stayed = followers[leaving..];
        var afterwards = await _scenario.PublishAsync(author);

        // Wait past the per-silo directory cache, so no feed can still be pulling the old celebrity timeline.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await _scenario.AssertInFeedsExactlyOnceAsync(stayed, asCelebrity);
        await _scenario.AssertInFeedsExactlyOnceAsync(stayed, afterwards);
        Assert.DoesNotContain(asCelebrity, await _scenario.ReadWholeFeedAsync(followers[0]));
    }

    [Fact]
    public async Task ACelebrityHoveringAtTheThresholdStaysPulled()
    {
        var author = await _scenario.CreateUserAsync();
        var followers = await _scenario.CreateUsersAsync(ClusterFixture.CelebrityThreshold);
        await _scenario.FollowAllAsync(followers, author);
        var asCelebrity = await _scenario.PublishAsync(author);
        await _scenario.AssertInFeedsExactlyOnceAsync(followers, asCelebrity);

        // One follower leaves and comes back, then leaves: the count dips under the threshold, never under the bound.
        var following = Grains.GetGrain<IFollowingGrain>(followers[0]);
        await following.UnfollowAsync(author);
        await _scenario.FollowAsync(followers[0], author);
        await following.UnfollowAsync(author);
        var stayed = followers[1..];
        var next = await _scenario.PublishAsync(author);

        await Task.Delay(TimeSpan.FromMilliseconds(500)); // past the per-silo directory cache, as above
        await _scenario.AssertInFeedsExactlyOnceAsync(stayed, asCelebrity);
        await _scenario.AssertInFeedsExactlyOnceAsync(stayed, next);
        // Still a celebrity: both posts were pulled, none re-pushed by a switch down and back up.
        foreach (var follower in stayed)
        {
            Assert.Equal(0, (await Grains.GetGrain<IFeedGrain>(follower).GetDiagnosticsAsync()).PushedItemsReceived);
        }
    }

    private static long DemotionBelow => new FeedOptions { CelebrityThreshold = ClusterFixture.CelebrityThreshold }.CelebrityDemotionBelow;

    [Fact]
    public async Task RedeliveredFeedItemIsNotDuplicated()
    {
        var author = await _scenario.CreateUserAsync();
        var follower = await _scenario.CreateUserAsync();
        await _scenario.FollowAsync(follower, author);
        var postId = await _scenario.PublishAsync(author);
        await _scenario.AssertInFeedsExactlyOnceAsync([follower], postId);

        // Replay the follower page's fan-out event, as a stream does after a silo failure.
        var stream = fixture.Cluster.Client.GetStreamProvider(ProviderNames.Streams)
            .GetStream<FanOutCommand>(StreamId.Create(StreamNamespaces.FanOut, FollowerPages.Key(author, 0)));
        for (var i = 0; i < 3; i++)
        {
            await stream.OnNextAsync(new FanOutCommand(new FeedItem(postId, author, FeedItemKind.Added)));
        }

        var marker = await _scenario.PublishAsync(author); // delivered after the replays on the same stream
        await _scenario.AssertInFeedsExactlyOnceAsync([follower], marker);
        Assert.Equal(1, (await _scenario.ReadWholeFeedAsync(follower)).Count(id => id == postId));
    }

    [Fact]
    public async Task UnfollowRemovesTheAuthorsPostsFromTheFeed()
    {
        var author = await _scenario.CreateUserAsync();
        var other = await _scenario.CreateUserAsync();
        var follower = await _scenario.CreateUserAsync();
        await _scenario.FollowAsync(follower, author);
        await _scenario.FollowAsync(follower, other);
        var authorsPost = await _scenario.PublishAsync(author);
        var othersPost = await _scenario.PublishAsync(other);
        await _scenario.AssertInFeedsExactlyOnceAsync([follower], authorsPost);
        await _scenario.AssertInFeedsExactlyOnceAsync([follower], othersPost);

        await Grains.GetGrain<IFollowingGrain>(follower).UnfollowAsync(author);
        var later = await _scenario.PublishAsync(author);

        var feed = await _scenario.ReadWholeFeedAsync(follower);
        Assert.DoesNotContain(authorsPost, feed);
        Assert.DoesNotContain(later, feed);
        Assert.Contains(othersPost, feed);
    }

    [Fact]
    public async Task DeletedPostDisappearsFromFeedsAndTheGrid()
    {
        var author = await _scenario.CreateUserAsync();
        var followers = await _scenario.CreateUsersAsync(5);
        await _scenario.FollowAllAsync(followers, author);
        var kept = await _scenario.PublishAsync(author);
        var deleted = await _scenario.PublishAsync(author);
        await _scenario.AssertInFeedsExactlyOnceAsync(followers, deleted);

        await Grains.GetGrain<IPostGrain>(deleted).DeleteAsync(author);

        foreach (var follower in followers)
        {
            var feed = await _scenario.ReadWholeFeedAsync(follower);
            Assert.DoesNotContain(deleted, feed);
            Assert.Contains(kept, feed);
        }

        var grid = await Grains.GetGrain<IUserPostsGrain>(author).GetPageAsync(followers[0], PageRequest.First());
        Assert.Equal([kept], grid.Items.Select(p => p.Post.Id));
        Assert.Null(await Grains.GetGrain<IPostGrain>(deleted).GetViewAsync(author));
    }

    [Fact]
    public async Task CursorPagingHasNoGapsOrDuplicatesWhilePostsArrive()
    {
        var author = await _scenario.CreateUserAsync();
        var follower = await _scenario.CreateUserAsync();
        await _scenario.FollowAsync(follower, author);
        var original = new List<long>();
        for (var i = 0; i < 25; i++)
        {
            original.Add(await _scenario.PublishAsync(author, $"post {i}"));
        }

        await _scenario.AssertInFeedsExactlyOnceAsync([follower], original[^1]);
        var feed = Grains.GetGrain<IFeedGrain>(follower);
        var seen = new List<long>();
        var page = await feed.GetPageAsync(new PageRequest(null, 10));
        seen.AddRange(page.Items.Select(p => p.Post.Id));
        var arrived = await _scenario.PublishAsync(author, "arrives while paging");
        await _scenario.AssertInFeedsExactlyOnceAsync([follower], arrived);
        while (page.NextCursor is { } cursor)
        {
            page = await feed.GetPageAsync(new PageRequest(cursor, 10));
            seen.AddRange(page.Items.Select(p => p.Post.Id));
        }

        Assert.Equal(original.OrderDescending(), seen);
    }

    [Fact]
    public async Task ColdFeedIsRebuiltBeforeItAnswers()
    {
        var authors = await _scenario.CreateUsersAsync(3);
        var follower = await _scenario.CreateUserAsync();
        foreach (var author in authors)
        {
            await _scenario.FollowAsync(follower, author);
        }

        var posts = new List<long>();
        foreach (var author in authors)
        {
            posts.Add(await _scenario.PublishAsync(author));
            posts.Add(await _scenario.PublishAsync(author));
        }

        await _scenario.AssertInFeedsExactlyOnceAsync([follower], posts[^1]);
        await MakeColdAsync(follower);

        // The very first read of the new activation is complete: nothing pushed, everything rebuilt.
        var page = await Grains.GetGrain<IFeedGrain>(follower).GetPageAsync(PageRequest.First(50));
        Assert.Equal(posts.OrderDescending(), page.Items.Select(p => p.Post.Id));
    }

    [Fact]
    public async Task ARebuiltFeedTakesEachAuthorsNewestPostsUpToTheCapAndADeletedOnesPlaceGoesToTheNextOlder()
    {
        var author = await _scenario.CreateUserAsync();
        var follower = await _scenario.CreateUserAsync();
        await _scenario.FollowAsync(follower, author);
        var posts = new List<long>();
        for (var i = 0; i <= RebuildPostsPerAuthor; i++)
        {
            posts.Add(await _scenario.PublishAsync(author, $"post {i}"));
        }

        await _scenario.AssertInFeedsExactlyOnceAsync([follower], posts[^1]);
        await MakeColdAsync(follower);
        Assert.Equal(posts.Skip(1).OrderDescending(), await _scenario.ReadWholeFeedAsync(follower));

        await Grains.GetGrain<IPostGrain>(posts[^1]).DeleteAsync(author);
        await MakeColdAsync(follower);
        Assert.Equal(posts.SkipLast(1).OrderDescending(), await _scenario.ReadWholeFeedAsync(follower));
    }

    private const int RebuildPostsPerAuthor = 50; // FeedOptions' default, which the test clusters keep

    private async Task MakeColdAsync(long userId)
    {
        var feed = Grains.GetGrain<IFeedGrain>(userId);
        var activation = (await feed.GetDiagnosticsAsync()).ActivatedAt;
        await feed.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.TrueAsync(async () => (await feed.GetDiagnosticsAsync()).ActivatedAt != activation, "feed reactivated");
    }

    [Fact]
    public async Task AReactivatedFeedServesWhatItDidAndWhatArrivedMeanwhileButNothingDeletedUnfollowedOrBlocked()
    {
        var authors = await _scenario.CreateUsersAsync(4);
        var (kept, deleted, unfollowed, blocked) = (authors[0], authors[1], authors[2], authors[3]);
        var follower = await _scenario.CreateUserAsync();
        foreach (var author in authors)
        {
            await _scenario.FollowAsync(follower, author);
        }

        var posts = new Dictionary<long, List<long>>();
        foreach (var author in authors)
        {
            posts[author] = [await _scenario.PublishAsync(author), await _scenario.PublishAsync(author)];
        }

        await _scenario.AssertInFeedsExactlyOnceAsync([follower], posts[blocked][^1]);
        var before = await _scenario.ReadWholeFeedAsync(follower);
        Assert.Equal(posts.Values.SelectMany(p => p).OrderDescending(), before);

        await MakeColdAsync(follower);
        await Grains.GetGrain<IFeedGrain>(follower).Cast<IGrainManagementExtension>().DeactivateOnIdle();

        // While the feed is out of memory: a new post, a deletion, an unfollow and a block.
        var arrived = await _scenario.PublishAsync(kept);
        await Grains.GetGrain<IPostGrain>(posts[deleted][0]).DeleteAsync(deleted);
        await Grains.GetGrain<IFollowingGrain>(follower).UnfollowAsync(unfollowed);
        await Grains.GetGrain<IBlocksGrain>(follower).BlockAsync(blocked);

        var after = await _scenario.ReadWholeFeedAsync(follower);
        var expected = before.Append(arrived)
            .Except([posts[deleted][0], .. posts[unfollowed], .. posts[blocked]])
            .OrderDescending();
        Assert.Equal(expected, after);
    }
}

[Collection(EmbeddedCollection.Name)]
public sealed class EmbeddedFanOutTests(EmbeddedClusterFixture fixture) : FanOutTests(fixture);

[Trait("Category", "Services")]
[Collection(ServicesCollection.Name)]
public sealed class ClusterProfileFanOutTests(ServicesClusterFixture fixture) : FanOutTests(fixture);
