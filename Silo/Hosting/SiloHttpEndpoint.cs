using Instagram.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Instagram.Silo.Hosting;

/// <summary>
/// The silo's small HTTP endpoint, on <c>Silo:HttpPort</c> when it is set: <c>/health/live</c> (the process answers),
/// <c>/health/ready</c> (this silo is an active member of its cluster and, on the Cluster profile, PostgreSQL and
/// Redis answer) and <c>/metrics</c> (Prometheus text). Without
/// the setting the silo runs no HTTP server, so several silos on one machine need no extra ports.
/// </summary>
public static class SiloHttpEndpoint
{
    public const string PortKey = "Silo:HttpPort";

    public static int? PortFrom(IConfiguration configuration) => configuration.GetValue<int?>(PortKey);

    public static WebApplication Build(WebApplicationBuilder builder, int port)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(port));
        var checks = builder.Services.AddHealthChecks().AddCheck<SiloMembershipHealthCheck>("membership", tags: ["ready"]);
        if (OrleansHostOptions.From(builder.Configuration).Profile == OrleansProfile.Cluster)
        {
            builder.Services.AddSingleton(_ => new BackingServicesHealthCheck(ClusterConnections.From(builder.Configuration)));
            checks.AddCheck<BackingServicesHealthCheck>("postgres-redis", tags: ["ready"]);
        }

        var app = builder.Build();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapInstagramMetrics();
        return app;
    }
}
