using System.ComponentModel.DataAnnotations;
using Instagram.Api.Infrastructure.Validation;

namespace Instagram.Api.Auth;

public sealed class RegisterRequest
{
    [Required(ErrorMessage = "username is required."), MaxLength(30, ErrorMessage = "username may be at most 30 characters."), PlainText]
    public string Username { get; init; } = "";

    [Required(ErrorMessage = "email is required."), MaxLength(254, ErrorMessage = "email may be at most 254 characters."), PlainText]
    public string Email { get; init; } = "";

    [Required(ErrorMessage = "password is required."), MinLength(8, ErrorMessage = "password must be at least 8 characters."),
     MaxLength(128, ErrorMessage = "password may be at most 128 characters.")]
    public string Password { get; init; } = "";

    [MaxLength(64, ErrorMessage = "fullName may be at most 64 characters."), PlainText]
    public string? FullName { get; init; }
}

public sealed class LoginRequest
{
    /// <summary>A username or an email address.</summary>
    [Required(ErrorMessage = "login is required."), MaxLength(254, ErrorMessage = "login may be at most 254 characters."), PlainText]
    public string Login { get; init; } = "";

    [Required(ErrorMessage = "password is required."), MaxLength(128, ErrorMessage = "password may be at most 128 characters.")]
    public string Password { get; init; } = "";
}

public sealed class RefreshRequest
{
    [Required(ErrorMessage = "refreshToken is required."), MaxLength(200, ErrorMessage = "refreshToken may be at most 200 characters.")]
    public string RefreshToken { get; init; } = "";
}
