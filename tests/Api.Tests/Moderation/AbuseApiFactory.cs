using System.Globalization;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Moderation;

/// <summary>The Api with its bot-speed limits on and small, so a test reaches each in a few requests.</summary>
public sealed class AbuseApiFactory : ApiFactory
{
    public const int FollowLimit = 3;
    public const int RepeatLimit = 2;

    /// <summary>Short, so a test can wait for an account to come of age.</summary>
    public static readonly TimeSpan LinkAge = TimeSpan.FromSeconds(3);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:Enabled"] = "false",
        ["Abuse:Enabled"] = "true",
        ["Abuse:MaxFollowsPerHour"] = FollowLimit.ToString(CultureInfo.InvariantCulture),
        ["Abuse:MaxRepeatedComments"] = RepeatLimit.ToString(CultureInfo.InvariantCulture),
        ["Abuse:NewAccountLinkAge"] = LinkAge.ToString("c", CultureInfo.InvariantCulture),
    };
}

[CollectionDefinition(Name)]
public sealed class AbuseCollection : ICollectionFixture<AbuseApiFactory>
{
    public const string Name = "Abuse";
}
