using Instagram.Grains.Abstractions;
using Instagram.Grains.Common;
using Instagram.Grains.Common.Errors;
using Instagram.Grains.Media;
using Instagram.Grains.Stories;
using Instagram.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Instagram.Grains.Tests.Stories;

/// <summary>Story expiry, the tray and viewers, written once and run on both profiles.</summary>
public abstract class StoryTests(ClusterFixture fixture)
{
    private readonly Scenario _scenario = new(fixture.Grains, fixture.Ids);
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task AnExpiredStoryIsHiddenBeforeItsReminderFiresAndPurgedWhenItDoes()
    {
        var author = await _scenario.CreateUserAsync();
        var viewer = await _scenario.CreateUserAsync();
        await _scenario.FollowAsync(viewer, author);
        var (mediaId, key) = await StoredMediaAsync(author);
        var story = await Grains.GetGrain<IStoryGrain>(fixture.Ids.NextId()).CreateAsync(author, mediaId);
        Assert.Contains(await TrayOfAsync(viewer), e => e.Stories.Any(s => s.Story.Id == story.Id));

        // Expired, but the reminder is not due for another few seconds: reads must hide the story on their own.
        await WaitUntilAsync(story.ExpiresAt.AddMilliseconds(200));
        Assert.Null(await Grains.GetGrain<IStoryGrain>(story.Id).GetAsync());
        Assert.DoesNotContain(await TrayOfAsync(viewer), e => e.Stories.Any(s => s.Story.Id == story.Id));
        var error = await Assert.ThrowsAsync<DomainException>(() => Grains.GetGrain<IStoryGrain>(story.Id).ViewAsync(viewer));
        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
        Assert.NotNull(await Store.OpenReadAsync(key, CancellationToken.None));

        // Then the reel's reminder purges the media record and its bytes.
        await Eventually.TrueAsync(async () => await Store.OpenReadAsync(key, CancellationToken.None) is null, "story media purged", TimeSpan.FromSeconds(60));
        // The bytes go first, then the record: the purge may still be between the two.
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                await Grains.GetGrain<IMediaGrain>(mediaId).GetOwnedViewAsync(author);
                return false;
            }
            catch (DomainException gone) when (gone.Kind == DomainErrorKind.NotFound)
            {
                return true;
            }
        }, "story media record purged", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ViewingIsIdempotentAndOnlyTheAuthorSeesTheViewers()
    {
        var author = await _scenario.CreateUserAsync();
        var viewer = await _scenario.CreateUserAsync();
        var story = await Grains.GetGrain<IStoryGrain>(fixture.Ids.NextId()).CreateAsync(author, await _scenario.CreateMediaAsync(author));
        var grain = Grains.GetGrain<IStoryGrain>(story.Id);

        await grain.ViewAsync(viewer);
        await grain.ViewAsync(viewer);

        Assert.Equal([viewer], (await grain.GetViewersAsync(author, PageRequest.First())).Items);
        var error = await Assert.ThrowsAsync<DomainException>(() => grain.GetViewersAsync(viewer, PageRequest.First()));
        Assert.Equal(DomainErrorKind.Forbidden, error.Kind);
    }

    [Fact]
    public async Task TheTrayPutsUnseenFirstThenTheAuthorsTheViewerInteractsWithMost()
    {
        var viewer = await _scenario.CreateUserAsync();
        var authors = await _scenario.CreateUsersAsync(3);
        foreach (var author in authors)
        {
            await _scenario.FollowAsync(viewer, author);
        }

        var stories = new List<StoryDetails>();
        foreach (var author in authors)
        {
            stories.Add(await Grains.GetGrain<IStoryGrain>(fixture.Ids.NextId()).CreateAsync(author, await _scenario.CreateMediaAsync(author)));
        }

        await Grains.GetGrain<IStoryGrain>(stories[0].Id).ViewAsync(viewer); // authors[0]: all seen
        var liked = await _scenario.PublishAsync(authors[2]);                  // authors[2]: more affinity than authors[1]
        await Grains.GetGrain<Instagram.Grains.Likes.IUserLikesGrain>(viewer).LikeAsync(liked);

        TrayEntry[] tray = [];
        await Eventually.TrueAsync(async () => (tray = await TrayOfAsync(viewer)).Select(e => e.User.Id).SequenceEqual([authors[2], authors[1], authors[0]]),
            "tray ordered unseen-first, then by affinity");
        Assert.True(tray[^1].AllSeen);
        Assert.False(tray[0].AllSeen);
    }

    private Task<TrayEntry[]> TrayOfAsync(long viewer) => Grains.GetGrain<IStoryTrayGrain>(viewer).GetTrayAsync();

    private IMediaStore Store => ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services.GetRequiredService<IMediaStore>();

    private async Task<(long MediaId, string Key)> StoredMediaAsync(long author)
    {
        var key = $"{fixture.Ids.NextId()}/original.png";
        await Store.WriteAsync(key, new byte[] { 1, 2, 3 }, "image/png", CancellationToken.None);
        return (await _scenario.CreateMediaAsync(author, key), key);
    }

    private static async Task WaitUntilAsync(DateTimeOffset moment)
    {
        var wait = moment - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
}

[Collection(EmbeddedCollection.Name)]
public sealed class EmbeddedStoryTests(EmbeddedClusterFixture fixture) : StoryTests(fixture);

[Trait("Category", "Services")]
[Collection(ServicesCollection.Name)]
public sealed class ClusterProfileStoryTests(ServicesClusterFixture fixture) : StoryTests(fixture);
