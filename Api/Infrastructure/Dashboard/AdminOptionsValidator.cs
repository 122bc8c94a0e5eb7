using Instagram.Api.Auth;

namespace Instagram.Api.Infrastructure.Dashboard;

/// <summary>A listed name that can never be a username is a typo that would silently leave someone without the role.</summary>
public sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options) =>
        options.Usernames.FirstOrDefault(u => !AccountRules.IsValidUsername(AccountRules.NormalizeUsername(u))) is { } bad
            ? ValidateOptionsResult.Fail($"Admin:Usernames lists '{bad}', which is not a username (1 to 30 characters of a-z, 0-9, '.' and '_').")
            : ValidateOptionsResult.Success;
}
