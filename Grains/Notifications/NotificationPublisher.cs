using Microsoft.Extensions.DependencyInjection;
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

        // The silo's clock, as everywhere else, so tests that move time see notifications stamped with it.
        var now = grain.GrainContext.ActivationServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return grain.GetStreamProvider(ProviderNames.Streams)
            .GetStream<NotificationEvent>(StreamId.Create(StreamNamespaces.Notifications, recipientId))
            .OnNextAsync(new NotificationEvent(type, actorId, postId, now));
    }

    /// <summary>
    /// Notifies every existing user named in <paramref name="usernames"/> who may see the post of
    /// <paramref name="postAuthorId"/>: a mention in a private account's post (or in a comment on it) must not tell a
    /// non-follower, or a blocked user, that the post exists.
    /// </summary>
    public static async Task NotifyMentionedAsync(this Grain grain, IGrainFactory grains, IEnumerable<string> usernames, long actorId, long postId, long postAuthorId)
    {
        var mentioned = (await Task.WhenAll(usernames.Take(20).Select(name =>
            grains.GetGrain<Users.INameReservationGrain>(Users.NameReservationKeys.ForUsername(name)).GetOwnerAsync()))).OfType<long>().Distinct().ToArray();
        if (mentioned.Length == 0 || await grains.GetGrain<Users.IUserGrain>(postAuthorId).GetSummaryAsync() is not { } author)
        {
            return;
        }

        var allowed = await Task.WhenAll(mentioned.Select(async id => (id, await grains.CanSeeContentAsync(id, author))));
        await Task.WhenAll(allowed.Where(a => a.Item2).Select(a => grain.NotifyAsync(a.id, NotificationType.Mention, actorId, postId)));
    }
}
