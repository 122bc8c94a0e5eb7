using System.ComponentModel.DataAnnotations;
using Instagram.Api.Infrastructure.Validation;

namespace Instagram.Api.Users;

public sealed class UpdateProfileRequest
{
    [MaxLength(64, ErrorMessage = "fullName may be at most 64 characters."), PlainText]
    public string? FullName { get; init; }

    [MaxLength(150, ErrorMessage = "bio may be at most 150 characters."), PlainText(MultiLine = true)]
    public string? Bio { get; init; }

    public bool? IsPrivate { get; init; }

    public string? AvatarMediaId { get; init; }

    /// <summary>Who may comment on the caller's posts: "everyone", "followers" (accepted followers) or "off".</summary>
    [AllowedValues(null, "everyone", "followers", "off", ErrorMessage = "commentPolicy must be 'everyone', 'followers' or 'off'.")]
    public string? CommentPolicy { get; init; }
}
