namespace Instagram.Api.Tests.Auth;

/// <summary>The Api with access tokens that live ten seconds (the shortest allowed), so tests can outwait one.</summary>
public sealed class ShortTokenApiFactory : Infrastructure.ApiFactory
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(10);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:Enabled"] = "false",
        ["Jwt:AccessTokenLifetime"] = AccessTokenLifetime.ToString(),
    };
}
