using Instagram.Grains.Common;
using Instagram.Grains.Likes;
using Instagram.Grains.Notifications;
using Instagram.Grains.Tests.Infrastructure;

namespace Instagram.Grains.Tests.Notifications;

/// <summary>Notifications, written once and run on both profiles.</summary>
public abstract class NotificationsTests(ClusterFixture fixture)
{
    private readonly Scenario _scenario = new(fixture.Grains, fixture.Ids);
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task LikesOnOnePostFoldIntoOneNotification()
    {
        var author = await _scenario.CreateUserAsync();
        var postId = await _scenario.PublishAsync(author);
        var fans = await _scenario.CreateUsersAsync(5);
        foreach (var fan in fans)
        {
            await Grains.GetGrain<IUserLikesGrain>(fan).LikeAsync(postId);
        }

        var inbox = Grains.GetGrain<INotificationsGrain>(author);
        await Eventually.TrueAsync(async () => (await inbox.GetPageAsync(PageRequest.First())).Items is [{ ActorCount: 5 }], "one aggregated like notification");
        var entry = (await inbox.GetPageAsync(PageRequest.First())).Items[0];
        Assert.Equal(NotificationType.Like, entry.Type);
        Assert.Equal(fans.Reverse(), entry.Actors.Select(a => a.Id));
    }
}

[Collection(EmbeddedCollection.Name)]
public sealed class EmbeddedNotificationsTests(EmbeddedClusterFixture fixture) : NotificationsTests(fixture);

[Trait("Category", "Services")]
[Collection(ServicesCollection.Name)]
public sealed class ClusterProfileNotificationsTests(ServicesClusterFixture fixture) : NotificationsTests(fixture);
