namespace Instagram.Grains.Messages;

[OptionsValidator]
public sealed partial class MessagesOptionsValidator : IValidateOptions<MessagesOptions>;
