namespace Instagram.Silo.Streaming;

/// <summary>
/// The durable-stream engine (configuration section "Streams"). Silos and every cluster client that produces events
/// must agree on it: a client writing to Redis while the silos read Event Hubs loses every event it writes.
/// </summary>
public sealed class StreamsOptions
{
    public const string SectionName = "Streams";

    public StreamsProvider Provider { get; set; } = StreamsProvider.RedisStreams;

    /// <summary>
    /// Read while the host is being configured, because the choice decides which providers get registered. An unknown
    /// name fails here with the binder's one line ("Failed to convert configuration value at 'Streams:Provider'").
    /// </summary>
    public static StreamsOptions From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<StreamsOptions>() ?? new StreamsOptions();
}
