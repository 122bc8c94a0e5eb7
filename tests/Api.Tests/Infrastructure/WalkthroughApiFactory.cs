namespace Instagram.Api.Tests.Infrastructure;

/// <summary>
/// A second Api with the README walkthrough's settings: the celebrity threshold lowered to 2 and the follow rate
/// limit switched on and low, so both paths can be driven over HTTP cheaply; stories live two seconds.
/// </summary>
public sealed class WalkthroughApiFactory : ApiFactory
{
    public const int FollowLimit = 3;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Feed:CelebrityThreshold"] = "2",
        ["Feed:CelebrityCacheTtl"] = "00:00:00.100",
        ["RateLimits:Enabled"] = "true",
        ["RateLimits:Follows:PermitLimit"] = FollowLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:Posts:PermitLimit"] = "1000",
        ["RateLimits:Feed:PermitLimit"] = "1000",
        ["RateLimits:Stories:PermitLimit"] = "1000",
        ["RateLimits:Auth:PermitLimit"] = "1000",
        ["Stories:Lifetime"] = "00:00:02",
    };
}
