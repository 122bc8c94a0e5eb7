using Instagram.Grains.Common;
using Instagram.Grains.Discovery;
using Instagram.Grains.Feed;
using Instagram.Grains.Graph;
using Instagram.Grains.Likes;
using Instagram.Grains.Lists;
using Instagram.Grains.Posts;
using Instagram.Grains.Tests.Infrastructure;
using Instagram.Grains.Users;

namespace Instagram.Grains.Tests.Discovery;

/// <summary>Hashtag pages, trending, explore, the ranked feed and the cold start, on both profiles.</summary>
public abstract class DiscoveryTests(ClusterFixture fixture)
{
    private readonly Scenario _scenario = new(fixture.Grains, fixture.Ids);
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task HashtagPagesListPostsCaseInsensitivelyAndHideWhatTheViewerMayNotSee()
    {
        var tag = "tag" + fixture.Ids.NextId();
        var open = await _scenario.CreateUserAsync();
        var closed = await _scenario.CreateUserAsync();
        var stranger = await _scenario.CreateUserAsync();
        await Grains.GetGrain<IUserGrain>(closed).UpdateProfileAsync(new ProfileUpdate(null, null, true, null));
        var publicPost = await _scenario.PublishAsync(open, $"look #{tag.ToUpperInvariant()}");
        var privatePost = await _scenario.PublishAsync(closed, $"secret #{tag}");

        var list = Grains.GetGrain<IEdgeListGrain>(EdgeLists.Key(EdgeLists.HashtagPosts, tag));
        await Eventually.TrueAsync(async () => await list.GetCountAsync() == 2, "both posts indexed under the tag");
        // Arrival order: posts of different authors travel on different streams.
        var ids = (await list.GetPageAsync(PageRequest.First(), newestFirst: true)).Items;
        Assert.Equal([privatePost, publicPost], ids.OrderDescending());
        var visible = await Task.WhenAll(ids.Select(id => Grains.GetGrain<IPostGrain>(id).GetViewAsync(stranger)));
        Assert.Equal([publicPost], visible.OfType<PostView>().Select(v => v.Post.Id));
    }

    [Fact]
    public async Task TrendingCountsATagOncePerAccountAndLeavesPrivateAccountsOut()
    {
        var spammed = "spam" + fixture.Ids.NextId();
        var popular = "popular" + fixture.Ids.NextId();
        var hidden = "hidden" + fixture.Ids.NextId();
        var spammer = await _scenario.CreateUserAsync();
        for (var i = 0; i < 4; i++)
        {
            await _scenario.PublishAsync(spammer, $"#{spammed} again");
        }

        foreach (var fan in await _scenario.CreateUsersAsync(3))
        {
            await _scenario.PublishAsync(fan, $"#{popular}");
        }

        var closed = await _scenario.CreateUserAsync();
        await Grains.GetGrain<IUserGrain>(closed).UpdateProfileAsync(new ProfileUpdate(null, null, true, null));
        await _scenario.PublishAsync(closed, $"#{hidden}");

        TrendingTag[] top = [];
        await Eventually.TrueAsync(async () => (top = await Grains.GetGrain<ITrendingGrain>("1h").GetTopAsync(1_000))
            .Any(t => t.Tag == popular && t.Accounts == 3) && top.Any(t => t.Tag == spammed), "every use counted");
        await Task.Delay(500); // let any late duplicate of the spammer's uses arrive
        top = await Grains.GetGrain<ITrendingGrain>("1h").GetTopAsync(1_000);
        var spam = top.Single(t => t.Tag == spammed);
        var pop = top.Single(t => t.Tag == popular);
        Assert.Equal(1, spam.Accounts);
        Assert.Equal(3, pop.Accounts);
        Assert.True(pop.Score > spam.Score);
        Assert.DoesNotContain(top, t => t.Tag == hidden);
    }

    [Fact]
    public async Task TrendingForgetsADeletedPostsUsesButKeepsAnAccountThatStillUsesTheTag()
    {
        var kept = "kept" + fixture.Ids.NextId();
        var gone = "gone" + fixture.Ids.NextId();
        var author = await _scenario.CreateUserAsync();
        var first = await _scenario.PublishAsync(author, $"#{kept}");
        var second = await _scenario.PublishAsync(author, $"#{kept} #{gone}");
        var window = Grains.GetGrain<ITrendingGrain>("1h");
        await Eventually.TrueAsync(async () => (await window.GetTopAsync(1_000)) is var top
            && top.Any(t => t.Tag == kept && t.Accounts == 1) && top.Any(t => t.Tag == gone && t.Accounts == 1), "both tags counted");

        // #gone was used by the deleted post alone; #kept still by the first post, so the account still counts once.
        await Grains.GetGrain<IPostGrain>(second).DeleteAsync(author);
        await Eventually.TrueAsync(async () => !(await window.GetTopAsync(1_000)).Any(t => t.Tag == gone), "the deleted post's tag gone");
        Assert.Equal(1, (await window.GetTopAsync(1_000)).Single(t => t.Tag == kept).Accounts);

        await Grains.GetGrain<IPostGrain>(first).DeleteAsync(author);
        await Eventually.TrueAsync(async () => !(await window.GetTopAsync(1_000)).Any(t => t.Tag == kept), "the last post's tag gone");
    }

    [Fact]
    public async Task TrendingStopsCountingAnAccountThatTurnsPrivateAndCountsItAgainWhenPublic()
    {
        var tag = "turned" + fixture.Ids.NextId();
        var author = await _scenario.CreateUserAsync();
        await _scenario.PublishAsync(author, $"#{tag}");
        var window = Grains.GetGrain<ITrendingGrain>("1h");
        await Eventually.TrueAsync(async () => (await window.GetTopAsync(1_000)).Any(t => t.Tag == tag && t.Accounts == 1), "the tag counted");

        await Grains.GetGrain<IUserGrain>(author).UpdateProfileAsync(new ProfileUpdate(null, null, true, null));
        await Eventually.TrueAsync(async () => !(await window.GetTopAsync(1_000)).Any(t => t.Tag == tag), "a private account's use not counted");

        await Grains.GetGrain<IUserGrain>(author).UpdateProfileAsync(new ProfileUpdate(null, null, false, null));
        await Eventually.TrueAsync(async () => (await window.GetTopAsync(1_000)).Any(t => t.Tag == tag && t.Accounts == 1), "counted again once public");
    }

    [Fact]
    public async Task ExploreShowsOnlyUnseenGraphOutsidersAtMostTwoPerAuthorPerPage()
    {
        var viewer = await _scenario.CreateUserAsync();
        var followed = await _scenario.CreateUserAsync();
        var blocked = await _scenario.CreateUserAsync();
        var prolific = await _scenario.CreateUserAsync();
        var other = await _scenario.CreateUserAsync();
        await _scenario.FollowAsync(viewer, followed);
        await Grains.GetGrain<IBlocksGrain>(viewer).BlockAsync(blocked);

        var own = await _scenario.PublishAsync(viewer);
        var fromFollowed = await _scenario.PublishAsync(followed);
        var fromBlocked = await _scenario.PublishAsync(blocked);
        var liked = await _scenario.PublishAsync(other);
        await Grains.GetGrain<IUserLikesGrain>(viewer).LikeAsync(liked);
        var prolificPosts = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            prolificPosts.Add(await _scenario.PublishAsync(prolific));
        }

        var explore = Grains.GetGrain<IExploreGrain>(viewer);
        await Eventually.TrueAsync(async () => (await explore.GetPageAsync(PageRequest.First(100))).Items.Any(p => p.Post.Id == prolificPosts[^1]), "the newest prolific post in explore");
        var seen = new List<PostView>();
        long? cursor = null;
        do
        {
            var page = await explore.GetPageAsync(new PageRequest(cursor, 10));
            Assert.True(page.Items.GroupBy(p => p.Post.AuthorId).All(g => g.Count() <= 2), "at most two posts per author on a page");
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var ids = seen.Select(p => p.Post.Id).ToHashSet();
        Assert.DoesNotContain(own, ids);
        Assert.DoesNotContain(fromFollowed, ids);
        Assert.DoesNotContain(fromBlocked, ids);
        Assert.DoesNotContain(liked, ids);
        Assert.Contains(prolificPosts[^1], ids);
        Assert.All(seen, p => Assert.False(p.Author.IsPrivate));
    }

    [Fact]
    public async Task AColdFeedServesSuggestionsUntilTheGraphYieldsPosts()
    {
        var someone = await _scenario.CreateUserAsync();
        var suggestion = await _scenario.PublishAsync(someone);
        var newcomer = await _scenario.CreateUserAsync();
        var feed = Grains.GetGrain<IFeedGrain>(newcomer);

        await Eventually.TrueAsync(async () => (await feed.GetPageAsync(PageRequest.First(100))).Items.Any(p => p.Post.Id == suggestion), "a suggestion");
        Assert.All((await feed.GetPageAsync(PageRequest.First(100))).Items, p => Assert.True(p.Suggested));

        await _scenario.FollowAsync(newcomer, someone);
        var page = await feed.GetPageAsync(PageRequest.First(100));
        Assert.Contains(suggestion, page.Items.Select(p => p.Post.Id));
        Assert.All(page.Items, p => Assert.False(p.Suggested));
    }
}

[Collection(EmbeddedCollection.Name)]
public sealed class EmbeddedDiscoveryTests(EmbeddedClusterFixture fixture) : DiscoveryTests(fixture);

[Trait("Category", "Services")]
[Collection(ServicesCollection.Name)]
public sealed class ClusterProfileDiscoveryTests(ServicesClusterFixture fixture) : DiscoveryTests(fixture);
