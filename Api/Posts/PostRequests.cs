using System.ComponentModel.DataAnnotations;
using Instagram.Api.Infrastructure.Validation;

namespace Instagram.Api.Posts;

public sealed class CreatePostRequest
{
    /// <summary>1 to 10 ids of media the caller uploaded.</summary>
    [Required(ErrorMessage = "mediaIds is required."), MinLength(1, ErrorMessage = "mediaIds must name at least 1 media item."),
     MaxLength(10, ErrorMessage = "mediaIds may name at most 10 media items.")]
    public List<string> MediaIds { get; init; } = [];

    [MaxLength(2200, ErrorMessage = "caption may be at most 2200 characters."), PlainText(MultiLine = true)]
    public string? Caption { get; init; }

    public LocationDto? Location { get; init; }
}

public sealed class LocationDto
{
    [Required(ErrorMessage = "location.name is required."), MaxLength(100, ErrorMessage = "location.name may be at most 100 characters."), PlainText]
    public string Name { get; init; } = "";

    [Range(-90, 90, ErrorMessage = "location.lat must be between -90 and 90.")]
    public double Lat { get; init; }

    [Range(-180, 180, ErrorMessage = "location.lng must be between -180 and 180.")]
    public double Lng { get; init; }
}

public sealed record CreatePostResponse(string PostId, string Status);
