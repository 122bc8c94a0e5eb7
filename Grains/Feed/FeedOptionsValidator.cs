namespace Instagram.Grains.Feed;

/// <summary>Checks <see cref="FeedOptions"/> against its annotations at start-up (source generated, no reflection).</summary>
[OptionsValidator]
public sealed partial class FeedOptionsValidator : IValidateOptions<FeedOptions>;
