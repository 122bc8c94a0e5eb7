using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Instagram.Silo.Hosting;

/// <summary>Ready once this silo is an active member of its cluster (joined, not shutting down or declared dead).</summary>
internal sealed class SiloMembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"This silo is {status}, not an active member of its cluster."));
    }
}
