namespace Instagram.Grains.Realtime;

/// <summary>Checks <see cref="RealtimeOptions"/> against its annotations at start-up (source generated, no reflection).</summary>
[OptionsValidator]
public sealed partial class RealtimeOptionsValidator : IValidateOptions<RealtimeOptions>;
