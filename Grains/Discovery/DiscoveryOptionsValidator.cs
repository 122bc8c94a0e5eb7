namespace Instagram.Grains.Discovery;

[OptionsValidator]
public sealed partial class DiscoveryOptionsValidator : IValidateOptions<DiscoveryOptions>;
