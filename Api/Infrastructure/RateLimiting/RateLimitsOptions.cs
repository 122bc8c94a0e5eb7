using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Instagram.Api.Infrastructure.RateLimiting;

/// <summary>
/// Per-user limits (configuration section "RateLimits"); the defaults are seed 004's numbers. <see cref="Auth"/> is per
/// client address: register, login and refresh have no user yet.
/// </summary>
public sealed class RateLimitsOptions
{
    public const string SectionName = "RateLimits";

    public bool Enabled { get; set; } = true;

    [ValidateObjectMembers] public RateLimitRule Posts { get; set; } = RateLimitRule.PerMinute(10);
    [ValidateObjectMembers] public RateLimitRule Likes { get; set; } = RateLimitRule.PerMinute(60);
    [ValidateObjectMembers] public RateLimitRule Comments { get; set; } = RateLimitRule.PerMinute(20);
    [ValidateObjectMembers] public RateLimitRule Follows { get; set; } = RateLimitRule.PerMinute(30);
    [ValidateObjectMembers] public RateLimitRule Stories { get; set; } = RateLimitRule.PerMinute(5);
    [ValidateObjectMembers] public RateLimitRule Search { get; set; } = RateLimitRule.PerMinute(20);
    [ValidateObjectMembers] public RateLimitRule Feed { get; set; } = RateLimitRule.PerMinute(30);
    [ValidateObjectMembers] public RateLimitRule Messages { get; set; } = RateLimitRule.PerMinute(60);
    [ValidateObjectMembers] public RateLimitRule Auth { get; set; } = RateLimitRule.PerMinute(20);
    [ValidateObjectMembers] public RateLimitRule Uploads { get; set; } = RateLimitRule.PerMinute(30);

    /// <summary>The budget every request draws on besides its own policy (health checks and media files excepted).</summary>
    [ValidateObjectMembers] public RateLimitRule General { get; set; } = RateLimitRule.PerMinute(1_200);

    public RateLimitRule For(string policy) => policy switch
    {
        RateLimitPolicies.Posts => Posts,
        RateLimitPolicies.Likes => Likes,
        RateLimitPolicies.Comments => Comments,
        RateLimitPolicies.Follows => Follows,
        RateLimitPolicies.Stories => Stories,
        RateLimitPolicies.Search => Search,
        RateLimitPolicies.Feed => Feed,
        RateLimitPolicies.Messages => Messages,
        RateLimitPolicies.Auth => Auth,
        RateLimitPolicies.Uploads => Uploads,
        RateLimitPolicies.General => General,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown rate limit policy."),
    };
}
