using System.ComponentModel.DataAnnotations;

namespace Instagram.Grains.Media;

/// <summary>
/// The media pipeline's policy (configuration section "Media", shared with the Api's upload limits and the media
/// store's settings): chunking, the decompression-bomb limit, retries, and how a direct upload is discovered.
/// </summary>
public sealed class MediaProcessingOptions
{
    public const string SectionName = "Media";

    public const long MinChunkSizeBytes = 64 * 1024;

    /// <summary>
    /// Bytes per chunk of a resumable upload (the last may be shorter): the default and the largest a client may ask
    /// for. A slot's chunk size is at most its declared size.
    /// </summary>
    [Range(MinChunkSizeBytes, 100L * 1024 * 1024)]
    public long ChunkSizeBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Images with more pixels than this are refused before anything is decoded (decompression bombs).</summary>
    [Range(1, 1_000_000_000)]
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>WebP quality of the variants (1-100).</summary>
    [Range(1, 100)]
    public int WebpQuality { get; set; } = 80;

    /// <summary>WebP encoder effort (0 fastest - 6 smallest).</summary>
    [Range(0, 6)]
    public int WebpEffort { get; set; } = 4;

    /// <summary>Images processed at once per silo; 0 means one per core. Each also uses libvips' own worker threads.</summary>
    [Range(0, 256)]
    public int MaxConcurrency { get; set; }

    /// <summary>Processing attempts before an item that keeps failing (storage errors) ends failed; bad images fail at once.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the second attempt; each further attempt waits twice as long as the one before.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>First wait before looking in storage for a direct upload; it doubles up to <see cref="UploadPollMaxInterval"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan UploadPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between two looks in storage for a direct upload.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan UploadPollMaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long after its URL expires an unfinished upload is kept: a single PUT that started just before the expiry
    /// may still be arriving. Then whatever was staged is deleted and the item is failed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan UploadGracePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Period of the durable reminder an unfinished item holds: it wakes the item after a silo failure to resume
    /// polling, retry processing or clean up. Orleans requires at least one minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Videos transcoded at once per silo: ffmpeg already uses every core for one.</summary>
    [Range(1, 64)]
    public int VideoConcurrency { get; set; } = 1;

    /// <summary>Longest video accepted; the probe refuses longer ones before anything is transcoded.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxVideoDuration { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Largest width or height of a video frame (a resolution bomb is refused from the probe, before decoding).</summary>
    [Range(16, 16384)]
    public int MaxVideoDimension { get; set; } = 4096;

    /// <summary>Most pixels in one video frame (8.9 MP: 4096x2176, DCI 4K).</summary>
    [Range(256, 268_435_456)]
    public long MaxVideoPixels { get; set; } = 8_912_896;

    /// <summary>Highest frame rate accepted.</summary>
    [Range(1, 1000)]
    public int MaxVideoFrameRate { get; set; } = 120;

    /// <summary>How long one ffmpeg or ffprobe run may take before it is killed (and the attempt retried).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "02:00:00")]
    public TimeSpan VideoTimeout { get; set; } = TimeSpan.FromMinutes(15);

    public int EffectiveConcurrency => MaxConcurrency > 0 ? MaxConcurrency : Environment.ProcessorCount;
}

[OptionsValidator]
public sealed partial class MediaProcessingOptionsValidator : IValidateOptions<MediaProcessingOptions>;
