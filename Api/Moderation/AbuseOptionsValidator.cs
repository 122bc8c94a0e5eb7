namespace Instagram.Api.Moderation;

[OptionsValidator]
public sealed partial class AbuseOptionsValidator : IValidateOptions<AbuseOptions>;
