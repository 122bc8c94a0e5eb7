namespace Instagram.Api.Infrastructure.RateLimiting;

[OptionsValidator]
public sealed partial class RateLimitsOptionsValidator : IValidateOptions<RateLimitsOptions>;
