namespace Instagram.Grains.Media;

/// <summary>The limits an upload was granted: owner, declared type and size, and when the slot expires.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Media.MediaUploadSlot")]
public sealed record MediaUploadSlot(
    [property: Id(0)] long OwnerId,
    [property: Id(1)] string ContentType,
    [property: Id(2)] long SizeBytes,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] bool Completed);
