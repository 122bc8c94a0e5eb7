namespace Instagram.Grains.Notifications;

[OptionsValidator]
public sealed partial class NotificationOptionsValidator : IValidateOptions<NotificationOptions>;
