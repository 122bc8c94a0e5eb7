namespace Instagram.Grains.Media;

/// <summary>
/// An upload's and its processing's state, for the uploader: which chunks arrived (to resume), the status, and the
/// reason when it failed. Width and height come from the image header until processing knows the real ones.
/// <see cref="FailedAttempts"/> counts processing attempts that failed for storage reasons (retried with backoff).
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Media.MediaProgress")]
public sealed record MediaProgress(
    [property: Id(0)] long MediaId,
    [property: Id(1)] MediaStatus Status,
    [property: Id(2)] MediaUploadRoute Route,
    [property: Id(3)] string ContentType,
    [property: Id(4)] long DeclaredBytes,
    [property: Id(5)] long ChunkSize,
    [property: Id(6)] long? TotalBytes,
    [property: Id(7)] long ReceivedBytes,
    [property: Id(8)] int[] ReceivedChunks,
    [property: Id(9)] DateTimeOffset ExpiresAt,
    [property: Id(10)] MediaView View,
    [property: Id(11)] string? FailureReason,
    [property: Id(12)] int FailedAttempts = 0);
