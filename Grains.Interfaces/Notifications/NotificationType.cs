namespace Instagram.Grains.Notifications;

[GenerateSerializer, Alias("Instagram.Grains.Notifications.NotificationType")]
public enum NotificationType
{
    Like,
    Comment,
    Follow,
    FollowRequest,
    Mention,
}
