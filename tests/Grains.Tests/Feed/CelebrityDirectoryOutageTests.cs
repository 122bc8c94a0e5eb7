using Instagram.Grains.Common;
using Instagram.Grains.Feed;
using Instagram.Grains.Tests.Infrastructure;

namespace Instagram.Grains.Tests.Feed;

/// <summary>A feed read while the celebrity directory cannot be reached (its silo just died) still answers.</summary>
[Collection(EmbeddedCollection.Name)]
public sealed class CelebrityDirectoryOutageTests(EmbeddedClusterFixture fixture)
{
    private readonly Scenario _scenario = new(fixture.Grains, fixture.Ids);

    [Fact]
    public async Task AFeedReadWhileTheDirectoryIsUnreachableServesWhatWasPushed()
    {
        var author = await _scenario.CreateUserAsync();
        var reader = await _scenario.CreateUserAsync();
        await _scenario.FollowAsync(reader, author);
        var post = await _scenario.PublishAsync(author);
        await _scenario.AssertInFeedsExactlyOnceAsync([reader], post);

        // Past the silo's copy of the directory, so the next read asks the directory grain, which refuses once.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var directory = fixture.Grains.GetGrain<ICelebrityDirectoryGrain>(0).GetGrainId();
        FaultInjection.FailOnceBefore(directory, nameof(ICelebrityDirectoryGrain.GetAllAsync));

        var page = await fixture.Grains.GetGrain<IFeedGrain>(reader).GetPageAsync(PageRequest.First(20));

        Assert.Contains(post, page.Items.Select(p => p.Post.Id));
        Assert.False(FaultInjection.IsRefusalArmed(directory, nameof(ICelebrityDirectoryGrain.GetAllAsync))); // the read did meet the outage
    }
}
