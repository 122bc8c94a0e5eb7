namespace Instagram.Silo.Media;

[OptionsValidator]
public sealed partial class LocalMediaOptionsValidator : IValidateOptions<LocalMediaOptions>;
