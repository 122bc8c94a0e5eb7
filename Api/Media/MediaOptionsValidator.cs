namespace Instagram.Api.Media;

[OptionsValidator]
public sealed partial class MediaOptionsValidator : IValidateOptions<MediaOptions>;
