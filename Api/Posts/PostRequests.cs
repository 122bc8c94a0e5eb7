using System.ComponentModel.DataAnnotations;
using Instagram.Api.Infrastructure.Validation;

namespace Instagram.Api.Posts;

public sealed class CreatePostRequest
{
    /// <summary>1 to 10 ids of media the caller uploaded.</summary>
    [Required, MinLength(1), MaxLength(10)]
    public List<string> MediaIds { get; init; } = [];

    [MaxLength(2200), PlainText(MultiLine = true)]
    public string? Caption { get; init; }

    public LocationDto? Location { get; init; }
}

public sealed class LocationDto
{
    [Required, MaxLength(100), PlainText]
    public string Name { get; init; } = "";

    [Range(-90, 90)]
    public double Lat { get; init; }

    [Range(-180, 180)]
    public double Lng { get; init; }
}

public sealed record CreatePostResponse(string PostId, string Status);
