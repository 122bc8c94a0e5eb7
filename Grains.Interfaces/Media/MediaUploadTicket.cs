namespace Instagram.Grains.Media;

/// <summary>What a new upload slot tells the client: the chunk size, and the storage URL when the bytes go straight there.</summary>
/// <param name="Route">How the bytes travel.</param>
/// <param name="ChunkSize">Bytes per chunk for resumable uploads (every chunk but the last has exactly this size).</param>
/// <param name="DirectUploadUrl">A write-only URL for this one object (a Blob SAS URL), or null when the bytes go to the Api.</param>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Media.MediaUploadTicket")]
public sealed record MediaUploadTicket(
    [property: Id(0)] MediaUploadRoute Route,
    [property: Id(1)] long ChunkSize,
    [property: Id(2)] string? DirectUploadUrl);
