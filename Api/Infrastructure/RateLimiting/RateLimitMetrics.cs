using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.RateLimiting;

namespace Instagram.Api.Infrastructure.RateLimiting;

/// <summary>Requests answered 429, by the rate limit policy of the endpoint they asked for.</summary>
public static class RateLimitMetrics
{
    public const string MeterName = "Instagram.Api";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Rejections = Meter.CreateCounter<long>("instagram.rate_limit.rejections",
        description: "Requests refused with 429; policy is the endpoint's own (its budget or the general one ran out), general when it has none");

    public static void RecordRejection(HttpContext context)
    {
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? RateLimitPolicies.General;
        Rejections.Add(1, new KeyValuePair<string, object?>("policy", policy));
    }
}
