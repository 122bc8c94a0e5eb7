namespace Instagram.Grains.Common;

[OptionsValidator]
public sealed partial class IdOptionsValidator : IValidateOptions<IdOptions>;
