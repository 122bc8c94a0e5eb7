namespace Instagram.Grains.Media;

/// <summary>How a video plays: its length, a poster frame, and the HLS master playlist of its H.264/AAC rungs.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Media.VideoPlayback")]
public sealed record VideoPlayback(
    [property: Id(0)] int DurationMs,
    [property: Id(1)] string PosterUrl,
    [property: Id(2)] string HlsUrl);
