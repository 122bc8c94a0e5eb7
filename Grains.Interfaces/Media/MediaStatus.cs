namespace Instagram.Grains.Media;

/// <summary>Where a media item is in its life: waiting for bytes, being processed, ready to show, or failed.</summary>
/// <remarks><see cref="Ready"/> is 0 so that views stored before statuses existed read as ready.</remarks>
[GenerateSerializer, Alias("Instagram.Grains.Media.MediaStatus")]
public enum MediaStatus
{
    /// <summary>Validated and processed (or registered as such): every variant URL serves bytes.</summary>
    Ready = 0,

    /// <summary>An upload slot was issued; the bytes have not all arrived.</summary>
    Uploading = 1,

    /// <summary>The bytes are complete; the pipeline validates them and writes the variants.</summary>
    Processing = 2,

    /// <summary>Rejected, expired before the upload completed, or failing on every retry; see the reason.</summary>
    Failed = 3,
}
