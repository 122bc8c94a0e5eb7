using System.Globalization;
using System.Text.Json.Serialization;
using Instagram.Api.Users;
using Instagram.Grains.Media;
using Instagram.Grains.Posts;

namespace Instagram.Api.Posts;

/// <summary>
/// A hydrated post, the shape shared by GET /v1/posts/{id}, the grid and the feed (and, with more, the reels feed).
/// <see cref="CanComment"/> (whether the author's comment policy lets the caller comment) is on GET /v1/posts/{id} only.
/// </summary>
public record PostResponse(
    string Id,
    UserSummaryResponse Author,
    string Caption,
    IReadOnlyList<string> Hashtags,
    IReadOnlyList<string> Mentions,
    LocationDto? Location,
    IReadOnlyList<MediaResponse> Media,
    long LikeCount,
    long CommentCount,
    bool IsLiked,
    string Status,
    DateTimeOffset CreatedAt,
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Suggested = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FailureReason = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? CanComment = null)
{
    public static PostResponse From(PostView view)
    {
        var post = view.Post;
        return new PostResponse(
            post.Id.ToString(CultureInfo.InvariantCulture),
            UserSummaryResponse.From(view.Author),
            post.Caption,
            post.Hashtags,
            post.Mentions,
            post.Location is { } l ? new LocationDto { Name = l.Name, Lat = l.Lat, Lng = l.Lng } : null,
            [.. post.Media.Select(MediaResponse.From)],
            post.LikeCount,
            post.CommentCount,
            view.IsLiked,
            post.Status.ToString().ToLowerInvariant(),
            post.CreatedAt,
            post.Kind.ToString().ToLowerInvariant(),
            view.Suggested ? true : null,
            post.FailureReason);
    }
}

/// <summary>A photo, or a video with its length, poster and HLS stream (API.md, "Video and reels").</summary>
public sealed record MediaResponse(
    string Id,
    string Type,
    int Width,
    int Height,
    MediaVariants Variants,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DurationMs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PosterUrl = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PlaybackResponse? Playback = null)
{
    public static MediaResponse From(MediaView media) =>
        new(media.Id.ToString(CultureInfo.InvariantCulture), media.Type, media.Width, media.Height, media.Variants,
            media.Video?.DurationMs, media.Video?.PosterUrl, media.Video is { } video ? new PlaybackResponse(video.HlsUrl) : null);
}

/// <summary>Where a video streams from: the HLS master playlist.</summary>
public sealed record PlaybackResponse(string Hls);
