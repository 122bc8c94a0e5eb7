using System.ComponentModel.DataAnnotations;

namespace Instagram.Api.Moderation;

/// <summary>
/// Bot-speed limits (configuration section "Abuse"): what no person does at a human pace. Unlike the rate limits they
/// look at what is done (whom, which text, from how new an account), not how many requests arrive. Off with
/// <c>Abuse:Enabled=false</c> (load tests, which follow and comment at machine speed).
/// </summary>
public sealed class AbuseOptions
{
    public const string SectionName = "Abuse";

    public bool Enabled { get; set; } = true;

    /// <summary>Distinct users one account may follow in any hour; past it, 429 with Retry-After.</summary>
    [Range(1, 1_000_000)]
    public int MaxFollowsPerHour { get; set; } = 200;

    /// <summary>On how many different posts the same comment text (case and spacing aside) may appear within the window; one more is 422.</summary>
    [Range(1, 10_000)]
    public int MaxRepeatedComments { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RepeatedCommentWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Accounts younger than this may not put links in comments (422); zero lets everyone.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan NewAccountLinkAge { get; set; } = TimeSpan.FromDays(1);
}
