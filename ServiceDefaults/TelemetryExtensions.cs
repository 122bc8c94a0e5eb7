using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Instagram.ServiceDefaults;

/// <summary>
/// OpenTelemetry for every process, wired once (the role eShop's ServiceDefaults plays): metrics from ASP.NET Core, the
/// runtime, Orleans and the product's own meters; traces from ASP.NET Core and Orleans' grain calls; logs with their
/// trace ids. A Prometheus scrape endpoint always (<see cref="MapInstagramMetrics"/>), OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The product's meters and activity sources all start with this (<c>Instagram.FanOut</c>, ...).</summary>
    public const string ProductInstruments = "Instagram.*";

    /// <summary>Orleans' meter and activity sources.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";
    public const string OrleansActivitySources = "Microsoft.Orleans.*";

    public const string MetricsPath = "/metrics";

    /// <summary>Records spans even without an exporter configured (tests add their own).</summary>
    public const string TracingKey = "Telemetry:Tracing";

    public static IHostApplicationBuilder AddInstagramTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        // One line per log event, exception included: a silo failover used to print some 50,000 lines of stack traces
        // in ten seconds on the surviving silo; now each event is one line a log pipeline can count.
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
            console.UseUtcTimestamp = true;
        });
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var azureMonitor = builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(OrleansMeter, ProductInstruments)
                .AddPrometheusExporter());

        // Spans cost on every grain call, so they are recorded only when something exports them (or when asked).
        if (builder.Configuration.GetValue(TracingKey, otlp || !string.IsNullOrWhiteSpace(azureMonitor)))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(OrleansActivitySources, ProductInstruments)
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = context =>
                    !context.Request.Path.StartsWithSegments(MetricsPath) && !context.Request.Path.StartsWithSegments("/health")));
        }

        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        if (!string.IsNullOrWhiteSpace(azureMonitor))
        {
            telemetry.UseAzureMonitorExporter(azure => azure.ConnectionString = azureMonitor);
        }

        return builder;
    }

    /// <summary>Prometheus text at <see cref="MetricsPath"/>.</summary>
    public static IEndpointRouteBuilder MapInstagramMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        return endpoints;
    }
}
