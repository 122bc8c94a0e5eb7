using System.Diagnostics.Metrics;

namespace Instagram.Api.Moderation;

/// <summary>Requests refused by a bot-speed limit, by reason (<see cref="AbuseReasons"/>), beside the rate limiter's rejections.</summary>
public static class AbuseMetrics
{
    private static readonly Meter Meter = new(RateLimitMetrics.MeterName);

    private static readonly Counter<long> Refusals = Meter.CreateCounter<long>("instagram.abuse.refusals",
        description: "Requests refused by a bot-speed limit (429 for follows, 422 for comments), by reason");

    public static void RecordRefusal(string reason) => Refusals.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
