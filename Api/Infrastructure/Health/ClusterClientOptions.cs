using System.ComponentModel.DataAnnotations;

namespace Instagram.Api.Infrastructure.Health;

/// <summary>How the Api, as a cluster client, treats a cluster that does not answer (configuration section "Orleans").</summary>
public sealed class ClusterClientOptions
{
    /// <summary>
    /// A grain call unanswered for this long fails, and the request answers 503 with Retry-After. Orleans' default is
    /// 30 s; a silo killed mid-request would hold its callers that long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
