using Instagram.Grains.Common;

namespace Instagram.Grains.Notifications;

/// <summary>
/// One user's notification inbox, fed by the <see cref="StreamNamespaces.Notifications"/> stream (key = recipient).
/// Likes on one post within a window fold into one entry ("a, b and 98 others liked your post").
/// </summary>
[Alias("Instagram.Grains.Notifications.INotificationsGrain")]
public interface INotificationsGrain : IGrainWithIntegerKey
{
    /// <summary>Newest first; the cursor is a notification id.</summary>
    [Alias("GetPageAsync")] Task<Page<NotificationView>> GetPageAsync(PageRequest page);

    /// <summary>Marks every notification up to and including <paramref name="upToId"/> as read.</summary>
    [Alias("MarkReadAsync")] Task MarkReadAsync(long upToId);
}
