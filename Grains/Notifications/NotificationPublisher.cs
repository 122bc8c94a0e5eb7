using Instagram.Grains.Notifications;

namespace Instagram.Grains.Notifications;

/// <summary>Sends notification events from grain code; nobody is notified about their own actions.</summary>
internal static class NotificationPublisher
{
    public static Task NotifyAsync(this Grain grain, long recipientId, NotificationType type, long actorId, long? postId = null)
    {
        if (recipientId == actorId)
        {
            return Task.CompletedTask;
        }

        return grain.GetStreamProvider(ProviderNames.Streams)
            .GetStream<NotificationEvent>(StreamId.Create(StreamNamespaces.Notifications, recipientId))
            .OnNextAsync(new NotificationEvent(type, actorId, postId, DateTimeOffset.UtcNow));
    }

    /// <summary>Notifies every existing user named in <paramref name="usernames"/>.</summary>
    public static async Task NotifyMentionedAsync(this Grain grain, IGrainFactory grains, IEnumerable<string> usernames, long actorId, long postId)
    {
        var owners = await Task.WhenAll(usernames.Take(20).Select(name =>
            grains.GetGrain<Users.INameReservationGrain>(Users.NameReservationKeys.ForUsername(name)).GetOwnerAsync()));
        await Task.WhenAll(owners.OfType<long>().Distinct().Select(id => grain.NotifyAsync(id, NotificationType.Mention, actorId, postId)));
    }
}
