namespace Instagram.Grains.Stories;

[OptionsValidator]
public sealed partial class StoriesOptionsValidator : IValidateOptions<StoriesOptions>;
