using System.Globalization;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Grains.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Instagram.Api.Tests.Media;

/// <summary>
/// The Embedded Api with media settings for the pipeline's tests: 64 KiB chunks, 8 MiB uploads, no grace after an
/// upload URL expires, and quick retries (3 attempts, 0.5 s then 1 s).
/// </summary>
public sealed class MediaApiFactory : ApiFactory
{
    public const int ChunkSize = 64 * 1024;

    public static readonly Dictionary<string, string?> MediaSettings = new()
    {
        ["Media:MaxUploadBytes"] = (8 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
        ["Media:ChunkSizeBytes"] = ChunkSize.ToString(CultureInfo.InvariantCulture),
        ["Media:UploadGracePeriod"] = "00:00:00",
        ["Media:MaxAttempts"] = "3",
        ["Media:RetryDelay"] = "00:00:00.500",
        ["Media:UploadPollInterval"] = "00:00:00.100",
        ["Media:UploadPollMaxInterval"] = "00:00:00.500",
    };

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(MediaSettings) { ["RateLimits:Enabled"] = "false" };

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>The co-hosted silo's pipeline (one per process).</summary>
    public MediaProcessor Processor => Services.GetRequiredService<MediaProcessor>();
}

[CollectionDefinition(Name)]
public sealed class MediaApiCollection : ICollectionFixture<MediaApiFactory>
{
    public const string Name = "Media Api";
}
