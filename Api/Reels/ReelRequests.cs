using System.ComponentModel.DataAnnotations;
using Instagram.Api.Infrastructure.Validation;

namespace Instagram.Api.Reels;

public sealed class CreateReelRequest
{
    /// <summary>The id of one video the caller uploaded.</summary>
    [Required(ErrorMessage = "mediaId is required.")]
    public string MediaId { get; init; } = "";

    [MaxLength(2200, ErrorMessage = "caption may be at most 2200 characters."), PlainText(MultiLine = true)]
    public string? Caption { get; init; }
}

public sealed class WatchReelRequest
{
    /// <summary>How long the caller watched, in milliseconds; more than the reel's length plus a little slack is refused.</summary>
    [Required(ErrorMessage = "watchedMs is required."), Range(0, int.MaxValue, ErrorMessage = "watchedMs must not be negative.")]
    public int? WatchedMs { get; init; }
}
