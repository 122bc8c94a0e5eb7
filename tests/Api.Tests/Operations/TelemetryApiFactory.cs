using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using OpenTelemetry.Trace;

namespace Instagram.Api.Tests.Operations;

/// <summary>The Api with every finished span also kept in memory (an in-memory exporter), for tests to look at.</summary>
public sealed class TelemetryApiFactory : Infrastructure.ApiFactory
{
    private readonly ConcurrentQueue<Activity> _spans = new();

    public IReadOnlyCollection<Activity> Spans => _spans;

    /// <summary>The one username <c>Admin:Usernames</c> lists here (the dashboard's tests register it).</summary>
    public const string AdminUsername = "ops_admin";

    /// <summary>Searches a user may make per minute here: few, so a test can meet the limit; everything else is ample.</summary>
    public const int SearchLimit = 2;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?> { ["RateLimits:Enabled"] = "true" };
            foreach (var policy in new[] { "Posts", "Likes", "Comments", "Follows", "Stories", "Feed", "Auth", "Uploads", "General" })
            {
                settings[$"RateLimits:{policy}:PermitLimit"] = "100000";
            }

            settings["RateLimits:Search:PermitLimit"] = SearchLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Admin:Usernames:0"] = AdminUsername;
            settings["Dashboard:Enabled"] = "true";
            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(ServiceDefaults.TelemetryExtensions.TracingKey, "true");
        builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing =>
            tracing.AddProcessor(new OpenTelemetry.SimpleActivityExportProcessor(new QueueExporter(_spans)))));
    }

    private sealed class QueueExporter(ConcurrentQueue<Activity> spans) : OpenTelemetry.BaseExporter<Activity>
    {
        public override OpenTelemetry.ExportResult Export(in OpenTelemetry.Batch<Activity> batch)
        {
            foreach (var span in batch)
            {
                spans.Enqueue(span);
            }

            return OpenTelemetry.ExportResult.Success;
        }
    }
}

/// <summary>
/// Telemetry tests run alone, after the others: with several hosts alive in one test process (each with its own Orleans
/// and ASP.NET Core meters under the same names), a host's scrape was seen without its Orleans and ASP.NET Core metrics.
/// A production process has one host.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection : ICollectionFixture<TelemetryApiFactory>
{
    public const string Name = "telemetry";
}
