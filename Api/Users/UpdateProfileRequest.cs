using System.ComponentModel.DataAnnotations;

namespace Instagram.Api.Users;

public sealed class UpdateProfileRequest
{
    [MaxLength(64)]
    public string? FullName { get; init; }

    [MaxLength(150)]
    public string? Bio { get; init; }

    public bool? IsPrivate { get; init; }

    public string? AvatarMediaId { get; init; }
}
