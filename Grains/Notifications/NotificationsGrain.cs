using Instagram.Grains.Abstractions;
using Instagram.Grains.Graph;
using Instagram.Grains.Posts;
using Instagram.Grains.Realtime;
using Instagram.Grains.Users;
using Orleans.Streams;

namespace Instagram.Grains.Notifications;

/// <summary>
/// The inbox. Changes are written behind, at most once per <see cref="NotificationOptions.FlushInterval"/> and on
/// deactivation: a crash can lose the last second of notifications (they are derived data), never a like or comment.
/// </summary>
[ImplicitStreamSubscription(StreamNamespaces.Notifications)]
internal sealed partial class NotificationsGrain(
    [PersistentState("notifications", ProviderNames.GrainStorage)] IPersistentState<NotificationsState> inbox,
    IGrainFactory grains,
    IdGenerator ids,
    IPushNotificationSender push,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationsGrain> logger) : Grain, INotificationsGrain
{
    private const int ActorsShown = 10;
    private WriteBehind _writes = null!;

    private long UserId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await this.GetStreamProvider(ProviderNames.Streams)
            .GetStream<NotificationEvent>(StreamId.Create(StreamNamespaces.Notifications, UserId))
            .SubscribeAsync(OnEventAsync);
        _writes = new WriteBehind(this, options.Value.FlushInterval, () => inbox.WriteStateAsync());
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _writes.FlushAsync();

    public async Task<Page<NotificationView>> GetPageAsync(PageRequest page)
    {
        var cursor = page.Cursor ?? long.MaxValue;
        var excluded = (await grains.GetGrain<IBlocksGrain>(UserId).GetExcludedAsync()).ToHashSet();
        var remaining = inbox.State.Items.Where(n => n.Id < cursor).ToList();
        var result = new List<NotificationView>(page.Limit);
        var index = 0;
        while (result.Count < page.Limit && index < remaining.Count)
        {
            var chunk = remaining.Skip(index).Take(page.Limit - result.Count).ToArray();
            index += chunk.Length;
            var views = await Task.WhenAll(chunk.Select(n => ToViewAsync(n, excluded)));
            result.AddRange(views.OfType<NotificationView>());
        }

        long? next = result.Count == page.Limit && index < remaining.Count ? result[^1].Id : null;
        return new Page<NotificationView>(result, next);
    }

    public Task MarkReadAsync(long upToId)
    {
        if (upToId > inbox.State.ReadUpTo)
        {
            inbox.State.ReadUpTo = upToId;
            _writes.MarkDirty();
        }

        return Task.CompletedTask;
    }

    private async Task OnEventAsync(NotificationEvent notification, StreamSequenceToken? token)
    {
        if (notification.ActorId == UserId || await grains.IsBlockedEitherWayAsync(UserId, notification.ActorId))
        {
            return;
        }

        var now = time.GetUtcNow();
        var items = inbox.State.Items;
        var existing = notification.Type == NotificationType.Like
            ? items.Find(n => n.Type == NotificationType.Like && n.PostId == notification.PostId
                && now - n.UpdatedAt < options.Value.LikeAggregationWindow)
            : items.Find(n => n.Type == notification.Type && n.PostId == notification.PostId && n.ActorIds.Contains(notification.ActorId));
        if (existing is not null)
        {
            // A redelivered event, or a like from someone already counted, changes nothing.
            if (existing.ActorIds.Contains(notification.ActorId) || notification.Type != NotificationType.Like)
            {
                return;
            }

            existing.ActorIds.Insert(0, notification.ActorId);
            if (existing.ActorIds.Count > ActorsShown)
            {
                existing.ActorIds.RemoveAt(existing.ActorIds.Count - 1);
            }

            existing.ActorCount++;
            existing.Id = ids.NextId();
            existing.UpdatedAt = now;
            items.Remove(existing);
            items.Insert(0, existing);
            await ShowOnDevicesAsync(existing);
        }
        else
        {
            var record = new NotificationRecord
            {
                Id = ids.NextId(),
                Type = notification.Type,
                PostId = notification.PostId,
                ActorIds = [notification.ActorId],
                ActorCount = 1,
                CreatedAt = now,
                UpdatedAt = now,
            };
            items.Insert(0, record);
            if (items.Count > options.Value.MaxItems)
            {
                items.RemoveRange(options.Value.MaxItems, items.Count - options.Value.MaxItems);
            }

            await push.SendAsync(UserId, notification.Type, notification.ActorId, notification.PostId);
            await ShowOnDevicesAsync(record);
        }

        _writes.MarkDirty();
    }

    /// <summary>
    /// Hands the entry, as GET /v1/notifications shows it, to the user's connected devices. Built only when a device is
    /// connected (a viral post's author gets many a second), and best effort: the inbox has it either way.
    /// </summary>
    private async Task ShowOnDevicesAsync(NotificationRecord record)
    {
        try
        {
            var realtime = grains.GetGrain<IUserRealtimeGrain>(UserId);
            if (!await realtime.IsConnectedAsync())
            {
                return;
            }

            var excluded = (await grains.GetGrain<IBlocksGrain>(UserId).GetExcludedAsync()).ToHashSet();
            if (await ToViewAsync(record, excluded) is { } view)
            {
                await realtime.DeliverAsync(new NotificationReceivedEvent(view));
            }
        }
        catch (Exception exception)
        {
            LogRealtimeFailed(exception, UserId, record.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} of user {UserId} did not reach their connected devices")]
    private partial void LogRealtimeFailed(Exception exception, long userId, long notificationId);

    private async Task<NotificationView?> ToViewAsync(NotificationRecord record, HashSet<long> excluded)
    {
        // Deleted posts and blocked users vanish from the inbox as soon as they are deleted or blocked.
        if (record.PostId is { } postId && await grains.GetGrain<IPostGrain>(postId).GetDetailsAsync() is null)
        {
            return null;
        }

        var actorIds = record.ActorIds.Where(id => !excluded.Contains(id)).ToArray();
        if (actorIds.Length == 0)
        {
            return null;
        }

        var actors = (await Task.WhenAll(actorIds.Select(id => grains.GetGrain<IUserGrain>(id).GetSummaryAsync()))).OfType<UserSummary>().ToArray();
        var hidden = record.ActorIds.Count - actors.Length;
        return new NotificationView(record.Id, record.Type, actors, Math.Max(actors.Length, record.ActorCount - hidden),
            record.PostId, record.UpdatedAt, record.Id <= inbox.State.ReadUpTo);
    }
}
