namespace Instagram.Grains.Media;

/// <summary>
/// Media registered as already stored and checked elsewhere (imports, seeding, load tests): it is ready at once and
/// every variant is <see cref="OriginalUrl"/>; a <c>video/*</c> content type makes it a video of <see cref="DurationMs"/>
/// whose poster and stream are that URL too. Uploads through the pipeline never use it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Media.StoredMedia")]
public sealed record StoredMedia(
    [property: Id(0)] string ContentType,
    [property: Id(1)] int Width,
    [property: Id(2)] int Height,
    [property: Id(3)] long SizeBytes,
    [property: Id(4)] string OriginalUrl,
    [property: Id(5)] string? StorageKey = null,
    [property: Id(6)] int DurationMs = 0)
{
    public bool IsVideo => ContentType.StartsWith("video/", StringComparison.Ordinal);
}
