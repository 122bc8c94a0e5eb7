using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Instagram.Api.Auth;

/// <summary>Normalisation and rules for usernames and emails; both are compared case-insensitively.</summary>
public static partial class AccountRules
{
    public static string NormalizeUsername(string username) => username.Trim().ToLowerInvariant();

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static bool IsValidUsername(string normalized) => UsernamePattern().IsMatch(normalized);

    public static void EnsureValidUsername(string normalized)
    {
        if (!IsValidUsername(normalized))
        {
            throw DomainException.InvalidInput("username must be 1 to 30 characters of a-z, 0-9, '.' and '_'.");
        }
    }

    public static void EnsureValidEmail(string normalized)
    {
        var valid = MailAddress.TryCreate(normalized, out var address)
            && address.Address == normalized
            && address.Host.Contains('.', StringComparison.Ordinal)
            && !address.Host.StartsWith('.')
            && !address.Host.EndsWith('.');
        if (!valid)
        {
            throw DomainException.InvalidInput("email must be a valid email address.");
        }
    }

    [GeneratedRegex("^[a-z0-9._]{1,30}$")]
    private static partial Regex UsernamePattern();
}
