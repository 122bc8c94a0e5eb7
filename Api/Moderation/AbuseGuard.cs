using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Instagram.Grains.Moderation;

namespace Instagram.Api.Moderation;

/// <summary>
/// Applies <see cref="AbuseOptions"/> before a follow or a comment. The counts live in the caller's
/// <see cref="IVelocityGrain"/>, one activation in the cluster, so several Api instances count together without a
/// second shared store; the Redis the rate limiter uses would work too, but the grain is already one call away and
/// the Embedded profile has no Redis. Every refusal is logged and counted by reason; nothing is dropped silently.
/// </summary>
public sealed partial class AbuseGuard(IGrainFactory grains, IOptionsMonitor<AbuseOptions> options, TimeProvider time, ILogger<AbuseGuard> logger)
{
    private static readonly TimeSpan FollowWindow = TimeSpan.FromHours(1);

    /// <summary>Counts a follow of <paramref name="targetId"/>; past the hourly limit, a <see cref="VelocityLimitException"/> (429).</summary>
    public async Task AdmitFollowAsync(long userId, long targetId)
    {
        var limits = options.CurrentValue;
        if (!limits.Enabled || userId == targetId) // following yourself is refused by the graph, with its own reason
        {
            return;
        }

        if (await grains.GetGrain<IVelocityGrain>(userId).TryAdmitFollowAsync(targetId, limits.MaxFollowsPerHour, FollowWindow) is { } wait)
        {
            Refuse(userId, AbuseReasons.FollowRate);
            throw new VelocityLimitException(
                $"You followed {limits.MaxFollowsPerHour} accounts within an hour, faster than people do; try again after the number of seconds in Retry-After.", wait);
        }
    }

    /// <summary>
    /// Refuses (422) a comment with a link from a new account, or text the caller already posted on
    /// <see cref="AbuseOptions.MaxRepeatedComments"/> other posts within the window. Returns what to count once the
    /// comment exists (<see cref="RecordCommentAsync"/>), or null when the limits are off.
    /// </summary>
    public async Task<string?> AdmitCommentAsync(long userId, long postId, string text)
    {
        var limits = options.CurrentValue;
        if (!limits.Enabled)
        {
            return null;
        }

        if (time.GetUtcNow() - IdGenerator.TimeOf(userId) < limits.NewAccountLinkAge && LinkPattern().IsMatch(text))
        {
            Refuse(userId, AbuseReasons.NewAccountLink);
            throw DomainException.Unprocessable($"New accounts cannot post links in comments; links are allowed once the account is {Describe(limits.NewAccountLinkAge)} old.");
        }

        var key = TextKey(text);
        if (await grains.GetGrain<IVelocityGrain>(userId).CountRepeatsAsync(key, postId, limits.RepeatedCommentWindow) >= limits.MaxRepeatedComments)
        {
            Refuse(userId, AbuseReasons.RepeatedComment);
            throw DomainException.Unprocessable(
                $"You posted this same comment on {limits.MaxRepeatedComments} other posts within {Describe(limits.RepeatedCommentWindow)}; write something new for this one.");
        }

        return key;
    }

    /// <summary>Counts a comment that was posted, with the key <see cref="AdmitCommentAsync"/> gave.</summary>
    public Task RecordCommentAsync(long userId, long postId, string? key) => key is null
        ? Task.CompletedTask
        : grains.GetGrain<IVelocityGrain>(userId).RecordCommentAsync(key, postId, options.CurrentValue.RepeatedCommentWindow);

    // Case and spacing do not make a text new. Hashed, so the grain holds 32 characters per comment, not 2,200.
    private static string TextKey(string text)
    {
        var normalized = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..32];
    }

    private static string Describe(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.TotalDays % 1 == 0 => span.TotalDays == 1 ? "a day" : $"{span.TotalDays:0} days",
        { TotalHours: >= 1 } when span.TotalHours % 1 == 0 => span.TotalHours == 1 ? "an hour" : $"{span.TotalHours:0} hours",
        { TotalMinutes: >= 1 } when span.TotalMinutes % 1 == 0 => $"{span.TotalMinutes:0} minutes",
        _ => $"{Math.Ceiling(span.TotalSeconds):0} seconds",
    };

    private void Refuse(long userId, string reason)
    {
        AbuseMetrics.RecordRefusal(reason);
        LogRefused(userId, reason);
    }

    // A link: a scheme, "www.", or a bare domain such as example.com (a name, a dot, two or more letters, not part of a
    // longer word). "e.g." and "i.e." have one-letter endings and pass; "file.txt" reads as a domain and is refused.
    [GeneratedRegex(@"https?://|\bwww\.|(?<![\p{L}\p{N}_@.-])[\p{L}\p{N}][\p{L}\p{N}-]*(\.[\p{L}\p{N}-]+)*\.\p{L}{2,24}(?![\p{L}\p{N}_-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot-speed limit: refused user {UserId} ({Reason})")]
    private partial void LogRefused(long userId, string reason);
}
