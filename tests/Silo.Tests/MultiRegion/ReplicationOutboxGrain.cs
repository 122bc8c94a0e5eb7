using Instagram.Grains.Common;
using Instagram.Grains.Events;
using Instagram.Grains.Notifications;
using Microsoft.Extensions.Configuration;
using Orleans.Streams;

namespace Instagram.Silo.Tests.MultiRegion;

/// <summary>
/// A region's replication consumer: an implicit subscriber of the same event streams the read models consume (a
/// user's post events, and the follow notifications a followee receives). It sends on what was written by users
/// homed in its own region only, so a change that arrived by replication never travels back.
/// </summary>
[ImplicitStreamSubscription(StreamNamespaces.PostEvents)]
[ImplicitStreamSubscription(StreamNamespaces.Notifications)]
public sealed class ReplicationOutboxGrain(IConfiguration configuration) : Grain, IReplicationOutboxGrain
{
    public const string RegionNameKey = "Region:Name";
    public const string RegionIndexKey = "Region:Index";

    private long UserId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var streams = this.GetStreamProvider(ProviderNames.Streams);
        await streams.GetStream<PostEvent>(StreamId.Create(StreamNamespaces.PostEvents, UserId)).SubscribeAsync(OnPostEventAsync);
        await streams.GetStream<NotificationEvent>(StreamId.Create(StreamNamespaces.Notifications, UserId)).SubscribeAsync(OnNotificationAsync);
    }

    private Task OnPostEventAsync(PostEvent change, StreamSequenceToken? token)
    {
        if (change.Kind == PostEventKind.Published)
        {
            SendIfHomedHere(change.AuthorId, new ReplicationEvent(ReplicationKind.PostPublished, change.PostId, change.AuthorId, change.Caption, change.OccurredAt));
        }

        return Task.CompletedTask;
    }

    // The stream key is the followee; the actor is the follower, whose home region owns the edge.
    private Task OnNotificationAsync(NotificationEvent change, StreamSequenceToken? token)
    {
        if (change.Type == NotificationType.Follow)
        {
            SendIfHomedHere(change.ActorId, new ReplicationEvent(ReplicationKind.Follow, change.ActorId, UserId, "", change.At));
        }

        return Task.CompletedTask;
    }

    private void SendIfHomedHere(long writerId, ReplicationEvent change)
    {
        // Silos of other test clusters in this assembly have no region: nothing to replicate there.
        if (configuration[RegionNameKey] is { Length: > 0 } region &&
            int.TryParse(configuration[RegionIndexKey], System.Globalization.CultureInfo.InvariantCulture, out var index) &&
            HomeRegions.HomeOf(writerId) == index)
        {
            ReplicationHub.Publish(region, change);
        }
    }
}
