using Instagram.Grains.Media;

namespace Instagram.Grains.Reels;

/// <summary>What makes a post a reel (API.md, "Video and reels"): one vertical video of at most 90 seconds.</summary>
internal static class ReelRules
{
    public const int MaxDurationMs = 90_000;

    /// <summary>
    /// Why <paramref name="media"/> cannot be a reel, or null. An item still processing is not judged: its type,
    /// size and length are final only once it is ready, so the post is checked again then and fails with this reason.
    /// </summary>
    public static string? Violation(MediaView media)
    {
        if (media.Status != MediaStatus.Ready)
        {
            return null;
        }

        if (!media.IsVideo || media.Video is not { } video)
        {
            return $"A reel is a video; media {media.Id} is a photo.";
        }

        if (media.Height <= media.Width)
        {
            return $"A reel is vertical (taller than wide); this video is {media.Width}×{media.Height}.";
        }

        return video.DurationMs > MaxDurationMs
            ? $"A reel is at most {MaxDurationMs / 1000} s long; this video is {video.DurationMs / 1000.0:0.#} s."
            : null;
    }
}
