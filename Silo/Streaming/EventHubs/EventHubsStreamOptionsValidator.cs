namespace Instagram.Silo.Streaming.EventHubs;

/// <summary>Checks <see cref="EventHubsStreamOptions"/> (annotations and its cross-field rule) at start-up.</summary>
[OptionsValidator]
public sealed partial class EventHubsStreamOptionsValidator : IValidateOptions<EventHubsStreamOptions>;
