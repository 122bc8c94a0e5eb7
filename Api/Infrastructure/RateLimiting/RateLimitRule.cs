using System.ComponentModel.DataAnnotations;

namespace Instagram.Api.Infrastructure.RateLimiting;

/// <summary>At most <see cref="PermitLimit"/> requests per user in each <see cref="Window"/>.</summary>
public sealed class RateLimitRule
{
    [Range(1, 10_000_000)]
    public int PermitLimit { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public static RateLimitRule PerMinute(int permits) => new() { PermitLimit = permits };
}
