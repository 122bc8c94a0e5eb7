namespace Instagram.Grains.Media;

/// <summary>The limits an upload was granted: owner, declared type and size, and when the slot expires.</summary>
/// <param name="Completed">True once every byte arrived (set by the media grain when it reports the slot).</param>
/// <param name="Route">How the bytes travel; null lets the media store decide (direct when it can issue upload URLs).</param>
/// <param name="ChunkSize">Bytes per chunk of a resumable upload: asked for by the client (0 = the default), set by the media grain.</param>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Media.MediaUploadSlot")]
public sealed record MediaUploadSlot(
    [property: Id(0)] long OwnerId,
    [property: Id(1)] string ContentType,
    [property: Id(2)] long SizeBytes,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] bool Completed,
    [property: Id(5)] MediaUploadRoute? Route = null,
    [property: Id(6)] long ChunkSize = 0);
