using Instagram.Grains.Common;
using Instagram.Grains.Common.Errors;
using Instagram.Grains.Graph;
using Instagram.Grains.Posts;
using Instagram.Grains.Search;
using Instagram.Grains.Tests.Infrastructure;
using Instagram.Grains.Users;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Instagram.Grains.Tests.Search;

/// <summary>
/// Search on both profiles (the in-memory index grain, PostgreSQL full text + pg_trgm), through the search grain as
/// the Api calls it. Every test works under its own random token, so the tests share one cluster and one index.
/// </summary>
public abstract class SearchTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly PostLocation Paris = new("Paris", 48.8566, 2.3522);
    private static readonly PostLocation Versailles = new("Versailles", 48.8049, 2.1204); // ~18 km from Paris
    private static readonly PostLocation London = new("London", 51.5074, -0.1278);      // ~344 km from Paris

    private readonly Scenario _scenario = new(fixture.Grains, fixture.Ids);
    private readonly string _token = Token();

    private IGrainFactory Grains => fixture.Grains;

    private ISearchGrain Search => Grains.GetGrain<ISearchGrain>(0);

    [Fact]
    public async Task UsersAreFoundByPrefixWithOneTypoAndByAWordOfTheirName()
    {
        var viewer = await _scenario.CreateUserAsync();
        var sunset = await CreateUserAsync($"{_token}sunset", $"Ada {_token}lovelace");

        await Eventually.TrueAsync(async () => (await UserIdsAsync(viewer, $"{_token}suns")).Contains(sunset), "username prefix");
        Assert.Contains(sunset, await UserIdsAsync(viewer, $"{_token}sunst"));       // a letter missing
        Assert.Contains(sunset, await UserIdsAsync(viewer, $"{_token}sunzet"));      // a wrong letter
        Assert.Contains(sunset, await UserIdsAsync(viewer, $"{_token}sunsett"));     // a letter too many
        Assert.Contains(sunset, await UserIdsAsync(viewer, $"@{_token.ToUpperInvariant()}SUNSET")); // case and '@'
        Assert.Contains(sunset, await UserIdsAsync(viewer, $"{_token}love"));        // a word of the full name
        Assert.DoesNotContain(sunset, await UserIdsAsync(viewer, $"{Token()}moonrise"));
    }

    [Fact]
    public async Task UsersRankByMatchThenFollowers()
    {
        var viewer = await _scenario.CreateUserAsync();
        var quiet = await CreateUserAsync($"{_token}beach1", "Quiet");
        var popular = await CreateUserAsync($"{_token}beach2", "Popular");
        await _scenario.FollowAllAsync(await _scenario.CreateUsersAsync(3), popular);

        await Eventually.TrueAsync(async () => (await UserIdsAsync(viewer, $"{_token}beach")).Count == 2, "both indexed");
        Assert.Equal([popular, quiet], await UserIdsAsync(viewer, $"{_token}beach"));          // same tier: more followers first
        Assert.Equal([quiet, popular], await UserIdsAsync(viewer, $"{_token}beach1"));         // the exact match first
        var results = await Search.SearchUsersAsync(viewer, $"{_token}beach", 10);
        Assert.Equal(3, results[0].FollowerCount);
    }

    [Fact]
    public async Task BlockedUsersNeverAppearEitherWayButPrivateAccountsCanBeFound()
    {
        var viewer = await CreateUserAsync($"{_token}viewer", "Viewer");
        var blocked = await CreateUserAsync($"{_token}blocked", "Blocked");
        var blocker = await CreateUserAsync($"{_token}blocker", "Blocker");
        var hidden = await CreateUserAsync($"{_token}private", "Private");
        await Grains.GetGrain<IUserGrain>(hidden).UpdateProfileAsync(new ProfileUpdate(null, null, true, null));
        await Grains.GetGrain<IBlocksGrain>(viewer).BlockAsync(blocked);
        await Grains.GetGrain<IBlocksGrain>(blocker).BlockAsync(viewer);
        var stranger = await _scenario.CreateUserAsync();

        await Eventually.TrueAsync(async () => (await UserIdsAsync(stranger, _token)).Count == 4, "all four indexed");
        Assert.Equal([viewer, hidden], (await UserIdsAsync(viewer, _token)).Order());
        Assert.DoesNotContain(viewer, await UserIdsAsync(blocked, _token));
        Assert.DoesNotContain(viewer, await UserIdsAsync(blocker, _token));
        var found = (await Search.SearchUsersAsync(stranger, $"{_token}private", 5))[0]; // the others are similar, ranked after it
        Assert.Equal(hidden, found.User.Id);
        Assert.True(found.User.IsPrivate); // the header of a private account is public; its posts are not
    }

    [Fact]
    public async Task HashtagsAreFoundByPrefixAndTypoAndCountOnlyPostsTheViewerMaySee()
    {
        var open = await _scenario.CreateUserAsync();
        var closed = await CreatePrivateUserAsync();
        var stranger = await _scenario.CreateUserAsync();
        var follower = await _scenario.CreateUserAsync();
        var blockedByOpen = await _scenario.CreateUserAsync();
        await ApproveFollowerAsync(closed, follower);
        await Grains.GetGrain<IBlocksGrain>(open).BlockAsync(blockedByOpen);

        var sunset = $"{_token}sunset";
        var posts = new[]
        {
            await PublishAsync(open, $"{_token} golden #{sunset}"),
            await PublishAsync(open, $"{_token} again #{sunset} #{_token}sea"),
            await PublishAsync(closed, $"{_token} mine #{sunset}"),
            await PublishAsync(closed, $"{_token} hidden #{_token}secret"),
        };
        await WaitIndexedAsync(posts, _token);

        // The index learns of privacy from profile events, which may arrive after the posts: wait for that too.
        // (Tags sharing the token are trigram-similar to each other, so results carry fuzzy matches after the best.)
        await Eventually.TrueAsync(async () => (await TagsAsync(stranger, $"{_token}suns")).FirstOrDefault() == (sunset, 2), "public count");
        Assert.Equal((sunset, 3L), (await TagsAsync(follower, $"#{_token}suns"))[0]);
        Assert.Equal((sunset, 3L), (await TagsAsync(closed, $"{_token}sunst"))[0]);   // a typo, by the author itself
        Assert.DoesNotContain(sunset, (await TagsAsync(blockedByOpen, sunset)).Select(t => t.Tag)); // the public posts are the blocker's
        Assert.DoesNotContain($"{_token}secret", (await TagsAsync(stranger, $"{_token}secr")).Select(t => t.Tag)); // only a private account uses it
        Assert.Equal(($"{_token}secret", 1L), (await TagsAsync(follower, $"{_token}secr"))[0]);
        Assert.Equal([(sunset, 3L), ($"{_token}sea", 1L), ($"{_token}secret", 1L)], await TagsAsync(follower, _token)); // by match, then count
    }

    [Fact]
    public async Task CaptionsAreSearchedByStemmedWords()
    {
        var author = await _scenario.CreateUserAsync();
        var viewer = await _scenario.CreateUserAsync();
        var ran = await PublishAsync(author, $"{_token} Morning RUN along the river");
        var running = await PublishAsync(author, $"{_token} running late, again");
        var other = await PublishAsync(author, $"{_token} a quiet swim");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.TrueAsync(async () => (await PostIdsAsync(viewer, new PostSearch(_token, null, null))).Count == 3, "indexed");
        output.WriteLine($"Searchable {clock.ElapsedMilliseconds} ms after the last post was published.");
        Assert.Equal([running, ran], await PostIdsAsync(viewer, new PostSearch($"{_token} running", null, null)));
        Assert.Equal([running, ran], await PostIdsAsync(viewer, new PostSearch($"{_token} runs", null, null)));
        Assert.Equal([other], await PostIdsAsync(viewer, new PostSearch($"{_token} swimming", null, null)));
        Assert.Empty(await PostIdsAsync(viewer, new PostSearch($"{_token} cycling", null, null)));
    }

    [Fact]
    public async Task PostsFilterByHashtagAndPlace()
    {
        var author = await _scenario.CreateUserAsync();
        var viewer = await _scenario.CreateUserAsync();
        var paris = await PublishAsync(author, $"{_token} croissant #{_token}food", Paris);
        var versailles = await PublishAsync(author, $"{_token} gardens", Versailles);
        var london = await PublishAsync(author, $"{_token} tea #{_token}food", London);
        var nowhere = await PublishAsync(author, $"{_token} #{_token}food");

        await Eventually.TrueAsync(async () => (await PostIdsAsync(viewer, new PostSearch(_token, null, null))).Count == 4, "indexed");
        Assert.Equal([nowhere, london, paris], await PostIdsAsync(viewer, new PostSearch(null, $"#{_token.ToUpperInvariant()}FOOD", null)));
        Assert.Equal([paris], await PostIdsAsync(viewer, new PostSearch(_token, null, new GeoCircle(Paris.Lat, Paris.Lng, 5))));
        Assert.Equal([versailles, paris], await PostIdsAsync(viewer, new PostSearch(_token, null, new GeoCircle(Paris.Lat, Paris.Lng, 25))));
        Assert.Equal([london, versailles, paris], await PostIdsAsync(viewer, new PostSearch(_token, null, new GeoCircle(Paris.Lat, Paris.Lng, 400))));
        Assert.Equal([london, paris], await PostIdsAsync(viewer, new PostSearch(null, $"{_token}food", new GeoCircle(Paris.Lat, Paris.Lng, 400))));
    }

    [Fact]
    public async Task PostsPageNewestFirstByCursor()
    {
        var author = await _scenario.CreateUserAsync();
        var viewer = await _scenario.CreateUserAsync();
        var posts = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            posts.Add(await PublishAsync(author, $"{_token} number {i}"));
        }

        var search = new PostSearch(_token, null, null);
        await Eventually.TrueAsync(async () => (await PostIdsAsync(viewer, search)).Count == 5, "indexed");
        var seen = new List<long>();
        long? cursor = null;
        var pages = 0;
        do
        {
            var page = await Search.SearchPostsAsync(viewer, search, new PageRequest(cursor, 2));
            seen.AddRange(page.Items.Select(p => p.Post.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(posts), seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task PrivatePostsOnlyForApprovedFollowersAndBlockedAuthorsNever()
    {
        var closed = await CreatePrivateUserAsync();
        var open = await _scenario.CreateUserAsync();
        var stranger = await _scenario.CreateUserAsync();
        var requested = await _scenario.CreateUserAsync();
        var follower = await _scenario.CreateUserAsync();
        var blocked = await _scenario.CreateUserAsync();
        await Grains.GetGrain<IFollowingGrain>(requested).FollowAsync(closed); // a pending request is not enough
        await ApproveFollowerAsync(closed, follower);
        await Grains.GetGrain<IBlocksGrain>(blocked).BlockAsync(open);
        var secret = await PublishAsync(closed, $"{_token} secret #{_token}tag");
        var visible = await PublishAsync(open, $"{_token} public #{_token}tag");
        await WaitIndexedAsync([secret, visible], _token);
        await Eventually.TrueAsync(async () => (await PostIdsAsync(stranger, new PostSearch(_token, null, null))).Count == 1, "privacy indexed");

        foreach (var search in new[] { new PostSearch(_token, null, null), new PostSearch(null, $"{_token}tag", null) })
        {
            Assert.Equal([visible], await PostIdsAsync(stranger, search));
            Assert.Equal([visible], await PostIdsAsync(requested, search));
            Assert.Equal([visible, secret], await PostIdsAsync(follower, search));
            Assert.Equal([visible, secret], await PostIdsAsync(closed, search));
            Assert.Empty(await PostIdsAsync(blocked, search));
        }

        // Going public opens the posts to everyone; the index follows the profile event.
        await Grains.GetGrain<IUserGrain>(closed).UpdateProfileAsync(new ProfileUpdate(null, null, false, null));
        await Eventually.TrueAsync(async () => (await PostIdsAsync(stranger, new PostSearch(_token, null, null))).Count == 2, "public now");
        await Eventually.TrueAsync(async () => await TagsAsync(stranger, $"{_token}tag") is [(_, 2)], "tag count follows privacy");
    }

    [Fact]
    public async Task DeletedPostsDisappear()
    {
        var author = await _scenario.CreateUserAsync();
        var viewer = await _scenario.CreateUserAsync();
        var kept = await PublishAsync(author, $"{_token} kept #{_token}gone");
        var deleted = await PublishAsync(author, $"{_token} deleted #{_token}gone");
        await Eventually.TrueAsync(async () => (await PostIdsAsync(viewer, new PostSearch(_token, null, null))).Count == 2, "indexed");

        await Grains.GetGrain<IPostGrain>(deleted).DeleteAsync(author);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The search grain re-checks posts against their grains, so the deleted one is gone at once...
        Assert.Equal([kept], await PostIdsAsync(viewer, new PostSearch(_token, null, null)));
        // ... and the index drops it (and its hashtag count) when the event arrives.
        await Eventually.TrueAsync(async () => await TagsAsync(viewer, $"{_token}gone") is [(_, 1)], "count drops");
        output.WriteLine($"The index dropped the deleted post {clock.ElapsedMilliseconds} ms after the delete.");
        Assert.Equal([kept], await PostIdsAsync(viewer, new PostSearch(null, $"{_token}gone", null)));
    }

    [Fact]
    public async Task ARebuildRestoresTheIndexFromGrainState()
    {
        var author = await CreateUserAsync($"{_token}author", "Rebuilt");
        var viewer = await _scenario.CreateUserAsync();
        var post = await PublishAsync(author, $"{_token} survives #{_token}kept");
        await WaitIndexedAsync([post], _token);
        await Eventually.TrueAsync(async () => (await UserIdsAsync(viewer, $"{_token}author")).Contains(author), "user indexed");

        // Damage the index: lose the post and the user's name, and gain a post that does not exist.
        var index = SiloServices.GetRequiredService<ISearchIndex>();
        await index.DeletePostsAsync([post]);
        await index.UpsertUsersAsync([new UserDocument(author, "someone", "else", false, false)]);
        await index.UpsertPostsAsync([new PostDocument(fixture.Ids.NextId(), author, $"{_token} ghost #{_token}ghost", [$"{_token}ghost"], null, null, DateTimeOffset.UtcNow)]);
        Assert.Empty(await PostIdsAsync(viewer, new PostSearch(_token, null, null)));
        Assert.DoesNotContain(author, await UserIdsAsync(viewer, $"{_token}author"));
        Assert.Equal([($"{_token}ghost", 1L)], await TagsAsync(viewer, $"{_token}ghost"));

        var report = await Grains.GetGrain<ISearchIndexAdminGrain>(0).RebuildAsync();
        output.WriteLine($"Rebuilt {report.Users} users and {report.Posts} posts in {report.Elapsed.TotalMilliseconds:F0} ms.");

        Assert.True(report.Users >= 2 && report.Posts >= 1, $"rebuilt {report.Users} users and {report.Posts} posts");
        Assert.Equal([post], await PostIdsAsync(viewer, new PostSearch(_token, null, null)));
        Assert.Contains(author, await UserIdsAsync(viewer, $"{_token}author"));
        Assert.DoesNotContain($"{_token}ghost", (await TagsAsync(viewer, $"{_token}ghost")).Select(t => t.Tag));
        Assert.Equal([($"{_token}kept", 1L)], await TagsAsync(viewer, $"{_token}kept"));
    }

    [Fact]
    public async Task ControlCharactersInGrainStateAreStrippedFromTheIndex()
    {
        // State written before the Api refused them (or by another way in) still reaches the indexer.
        var author = await CreateUserAsync($"{_token}ctl", "Ada\u0000Lovelace\u202E");
        var viewer = await _scenario.CreateUserAsync();
        var post = await PublishAsync(author, $"{_token} nul\u0000inside\ttab #{_token}tag");

        await WaitIndexedAsync([post], _token);
        Assert.Equal([post], await PostIdsAsync(author, new PostSearch("inside", $"{_token}tag", null)));
        await Eventually.TrueAsync(async () => (await UserIdsAsync(viewer, $"{_token}ctl")).Contains(author), "user indexed");
    }

    [Fact]
    public async Task ADocumentTheIndexRefusesDoesNotKeepTheRestOfItsBatchOut()
    {
        // Raw documents, past the cleaning of SearchDocuments: PostgreSQL refuses a NUL, and used to refuse the whole
        // batch with it, so other users' documents were never indexed.
        var index = SiloServices.GetRequiredService<ISearchIndex>();
        var author = fixture.Ids.NextId();
        var (first, bad, last) = (fixture.Ids.NextId(), fixture.Ids.NextId(), fixture.Ids.NextId());
        var (goodUser, badUser) = (fixture.Ids.NextId(), fixture.Ids.NextId());
        var now = DateTimeOffset.UtcNow;

        await index.UpsertUsersAsync([
            new UserDocument(author, $"{_token}author", "Author", false, false),
            new UserDocument(badUser, $"{_token}bad\u0000user", "Bad", false, false),
            new UserDocument(goodUser, $"{_token}gooduser", "Good", false, false)]);
        await index.UpsertPostsAsync([
            new PostDocument(first, author, $"{_token} first", [], null, null, now),
            new PostDocument(bad, author, $"{_token} nul\u0000caption", [], null, null, now),
            new PostDocument(last, author, $"{_token} last", [], null, null, now)]);

        var viewer = new SearchViewer(author, [], []);
        var posts = await index.SearchPostsAsync(new PostQuery(_token, null, null, null, 10, viewer));
        Assert.Contains(first, posts);
        Assert.Contains(last, posts);
        var users = (await index.SearchUsersAsync(new UserQuery($"{_token}gooduser", 10, viewer))).Select(u => u.UserId);
        Assert.Contains(goodUser, users);
    }

    [Theory]
    [InlineData("' OR 1=1; --")]
    [InlineData("sun:* & !set | (moon) <-> \"x\"")]
    [InlineData(@"100% _under\score")]
    [InlineData("the and of")]
    [InlineData("@#")]
    public async Task MetacharactersAreTextNeverErrors(string query)
    {
        var viewer = await _scenario.CreateUserAsync();
        Assert.NotNull(await Search.SearchUsersAsync(viewer, query, 10));
        Assert.NotNull(await Search.SearchHashtagsAsync(viewer, query, 10));
        Assert.NotNull(await Search.SearchPostsAsync(viewer, new PostSearch(query, null, null), PageRequest.First()));
        Assert.NotNull(await Search.SearchPostsAsync(viewer, new PostSearch(null, query, null), PageRequest.First()));
    }

    [Fact]
    public async Task BadInputIsRefusedAsInvalidInput()
    {
        var viewer = await _scenario.CreateUserAsync();
        await AssertInvalidAsync(() => Search.SearchUsersAsync(viewer, "", 10));
        await AssertInvalidAsync(() => Search.SearchUsersAsync(viewer, new string('a', 101), 10));
        await AssertInvalidAsync(() => Search.SearchUsersAsync(viewer, "sun\u0000", 10));
        await AssertInvalidAsync(() => Search.SearchPostsAsync(viewer, new PostSearch("sun\u202Eset", null, null), PageRequest.First()));
        await AssertInvalidAsync(() => Search.SearchHashtagsAsync(viewer, "sun", 0));
        await AssertInvalidAsync(() => Search.SearchPostsAsync(viewer, new PostSearch(null, null, null), PageRequest.First()));
        await AssertInvalidAsync(() => Search.SearchPostsAsync(viewer, new PostSearch(null, null, new GeoCircle(91, 0, 1)), PageRequest.First()));
        await AssertInvalidAsync(() => Search.SearchPostsAsync(viewer, new PostSearch(null, null, new GeoCircle(0, 0, 20_001)), PageRequest.First()));
        await AssertInvalidAsync(() => Search.SearchPostsAsync(viewer, new PostSearch("sun", null, null), new PageRequest(null, 101)));
    }

    private IServiceProvider SiloServices => ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services;

    private static string Token() => string.Concat(Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26))));

    private static async Task AssertInvalidAsync(Func<Task> search)
    {
        var error = await Assert.ThrowsAsync<DomainException>(search);
        Assert.Equal(DomainErrorKind.InvalidInput, error.Kind);
    }

    private async Task<long> CreateUserAsync(string username, string fullName)
    {
        var id = fixture.Ids.NextId();
        await Grains.GetGrain<IUserGrain>(id).CreateAsync(new NewAccount(username, $"{username}@example.com", "hash", fullName));
        return id;
    }

    private async Task<long> CreatePrivateUserAsync()
    {
        var id = await _scenario.CreateUserAsync();
        await Grains.GetGrain<IUserGrain>(id).UpdateProfileAsync(new ProfileUpdate(null, null, true, null));
        return id;
    }

    private async Task ApproveFollowerAsync(long owner, long follower)
    {
        Assert.Equal(FollowState.Requested, await Grains.GetGrain<IFollowingGrain>(follower).FollowAsync(owner));
        await Grains.GetGrain<IFollowRequestsGrain>(owner).ApproveAsync(follower);
        Assert.True(await Grains.GetGrain<IFollowingGrain>(follower).IsFollowingAsync(owner));
    }

    private async Task<long> PublishAsync(long authorId, string caption, PostLocation? location = null)
    {
        var postId = fixture.Ids.NextId();
        var post = Grains.GetGrain<IPostGrain>(postId);
        await post.CreateAsync(new NewPost(authorId, caption, [await _scenario.CreateMediaAsync(authorId)], location));
        await Eventually.TrueAsync(async () => (await post.GetDetailsAsync())?.Status == PostStatus.Published, "post published");
        return postId;
    }

    /// <summary>Waits until each author (who may see all of their own posts) finds each of their posts by text.</summary>
    private Task WaitIndexedAsync(IReadOnlyCollection<long> posts, string text) =>
        Eventually.TrueAsync(() => AllIndexedAsync(posts, text), "posts indexed");

    private async Task<bool> AllIndexedAsync(IReadOnlyCollection<long> posts, string text)
    {
        var details = await Task.WhenAll(posts.Select(id => Grains.GetGrain<IPostGrain>(id).GetDetailsAsync()));
        foreach (var group in details.OfType<PostDetails>().GroupBy(p => p.AuthorId))
        {
            var page = await Search.SearchPostsAsync(group.Key, new PostSearch(text, null, null), new PageRequest(null, 100));
            if (!group.All(p => page.Items.Any(v => v.Post.Id == p.Id)))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<List<long>> UserIdsAsync(long viewerId, string query) =>
        [.. (await Search.SearchUsersAsync(viewerId, query, 20)).Select(r => r.User.Id)];

    private async Task<List<(string Tag, long Count)>> TagsAsync(long viewerId, string query) =>
        [.. (await Search.SearchHashtagsAsync(viewerId, query, 20)).Select(t => (t.Tag, t.PostCount))];

    private async Task<List<long>> PostIdsAsync(long viewerId, PostSearch search) =>
        [.. (await Search.SearchPostsAsync(viewerId, search, new PageRequest(null, 100))).Items.Select(p => p.Post.Id)];
}

[Collection(EmbeddedCollection.Name)]
public sealed class EmbeddedSearchTests(EmbeddedClusterFixture fixture, ITestOutputHelper output) : SearchTests(fixture, output);

[Trait("Category", "Services")]
[Collection(ServicesCollection.Name)]
public sealed class ClusterProfileSearchTests(ServicesClusterFixture fixture, ITestOutputHelper output) : SearchTests(fixture, output);
