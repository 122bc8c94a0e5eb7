using System.ComponentModel.DataAnnotations;
using Orleans.Configuration;

namespace Instagram.Silo.Streaming.EventHubs;

/// <summary>
/// The Event Hubs stream engine (configuration section "EventHubs"), read when <c>Streams:Provider</c> is
/// <c>EventHubs</c>. Authenticate with exactly one of <see cref="ConnectionString"/> (a shared access key) or
/// <see cref="FullyQualifiedNamespace"/> (managed identity through DefaultAzureCredential, the Azure deployment's way).
/// </summary>
public sealed class EventHubsStreamOptions : IValidatableObject
{
    public const string SectionName = "EventHubs";

    /// <summary>A namespace connection string (<c>Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…</c>).</summary>
    [RedactConnectionString]
    public string? ConnectionString { get; set; }

    /// <summary>The namespace host, e.g. <c>instagram-prod.servicebus.windows.net</c>; the silo's identity needs the
    /// Azure Event Hubs Data Sender and Data Receiver roles on it.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>The event hub every stream of the provider goes to.</summary>
    [Required(AllowEmptyStrings = false)]
    public string HubName { get; set; } = "";

    /// <summary>The consumer group the silos read with; every silo of one service must use the same one.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ConsumerGroup { get; set; } = "$Default";

    /// <summary>
    /// Partitions of the hub, which are the provider's queues (one pulling agent each). The silos take the partitions
    /// from the hub itself; this number is what infra creates the hub with and what a test double simulates. Standard
    /// namespaces allow at most 32, and the count cannot be lowered once the hub exists.
    /// </summary>
    [Range(1, 1024)]
    public int PartitionCount { get; set; } = 8;

    /// <summary>Events each partition receiver fetches ahead of the pulling agent (the SDK's default is 300).</summary>
    [Range(1, 10_000)]
    public int PrefetchCount { get; set; } = 300;

    /// <summary>
    /// How often a partition's read position is written to grain storage. A crash replays at most this much of a
    /// partition (consumers are idempotent); an orderly shutdown writes the latest position first.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Where a partition with no checkpoint yet starts: false (the default) reads everything the hub still retains, so
    /// events written before the first silo came up are delivered; true skips them.
    /// </summary>
    public bool StartFromNow { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        var hasNamespace = !string.IsNullOrWhiteSpace(FullyQualifiedNamespace);
        if (hasConnectionString == hasNamespace)
        {
            yield return new ValidationResult(
                "EventHubs needs exactly one of EventHubs:ConnectionString (a shared access key) or EventHubs:FullyQualifiedNamespace (managed identity)"
                + (hasConnectionString ? ", but both are set." : ", but neither is set."),
                [nameof(ConnectionString), nameof(FullyQualifiedNamespace)]);
        }
        else if (hasNamespace && (FullyQualifiedNamespace!.Contains("://", StringComparison.Ordinal) || FullyQualifiedNamespace.Contains('/')))
        {
            yield return new ValidationResult(
                $"EventHubs:FullyQualifiedNamespace must be a host name such as instagram.servicebus.windows.net, not a URL (is '{FullyQualifiedNamespace}').",
                [nameof(FullyQualifiedNamespace)]);
        }
        else if (hasConnectionString && !ConnectionString!.Contains("Endpoint=", StringComparison.OrdinalIgnoreCase))
        {
            // Never echo the value: it holds a key.
            yield return new ValidationResult(
                "EventHubs:ConnectionString is not an Event Hubs connection string (it has no Endpoint=sb://… part).",
                [nameof(ConnectionString)]);
        }
    }
}
