using System.ComponentModel.DataAnnotations;

namespace Instagram.Api.Auth;

/// <summary>
/// Per-account login backoff (configuration section "RateLimits:LoginBackoff"). The first
/// <see cref="FreeAttempts"/> attempts are free; every attempt after that locks the account for
/// <see cref="BaseLockout"/>, doubled each time, up to <see cref="MaxLockout"/>. A successful login clears it.
/// Unlike the per-address limits it stays on when <c>RateLimits:Enabled</c> is false (load tests), since nothing
/// but a password guesser ever meets it.
/// </summary>
public sealed class LoginBackoffOptions
{
    public const string SectionName = "RateLimits:LoginBackoff";

    public bool Enabled { get; set; } = true;

    [Range(1, 1000)]
    public int FreeAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BaseLockout { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxLockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long attempts are remembered after the last one; a quiet account starts afresh.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan AttemptMemory { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The lock the <paramref name="attempt"/>-th attempt in a row starts, or zero while attempts are free.</summary>
    public TimeSpan LockoutAfter(long attempt)
    {
        if (attempt <= FreeAttempts)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(attempt - FreeAttempts - 1, 40);
        var lockout = BaseLockout.TotalMilliseconds * Math.Pow(2, doublings);
        return TimeSpan.FromMilliseconds(Math.Min(lockout, MaxLockout.TotalMilliseconds));
    }
}
