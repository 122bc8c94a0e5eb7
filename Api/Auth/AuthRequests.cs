using System.ComponentModel.DataAnnotations;
using Instagram.Api.Infrastructure.Validation;

namespace Instagram.Api.Auth;

public sealed class RegisterRequest
{
    [Required, MaxLength(30), PlainText]
    public string Username { get; init; } = "";

    [Required, MaxLength(254), PlainText]
    public string Email { get; init; } = "";

    [Required, MinLength(8), MaxLength(128)]
    public string Password { get; init; } = "";

    [MaxLength(64), PlainText]
    public string? FullName { get; init; }
}

public sealed class LoginRequest
{
    /// <summary>A username or an email address.</summary>
    [Required, MaxLength(254), PlainText]
    public string Login { get; init; } = "";

    [Required, MaxLength(128)]
    public string Password { get; init; } = "";
}

public sealed class RefreshRequest
{
    [Required, MaxLength(200)]
    public string RefreshToken { get; init; } = "";
}
