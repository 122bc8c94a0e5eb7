using Instagram.Api.Infrastructure.Dashboard;
using System.Text.Json.Serialization;
using Instagram.Api.Auth;
using Instagram.Api.Comments;
using Instagram.Api.Discovery;
using Instagram.Api.Feed;
using Instagram.Api.Likes;
using Instagram.Api.Notifications;
using Instagram.Api.Graph;
using Instagram.Api.Infrastructure.Errors.ServerRejections;
using Instagram.Api.Infrastructure.Health;
using Instagram.Api.Infrastructure.Proxies;
using Instagram.Api.Infrastructure.SharedState;
using Instagram.Api.Media;
using Instagram.Api.Messages;
using Instagram.Api.Moderation;
using Instagram.Api.Posts;
using Instagram.Api.Realtime;
using Instagram.Api.Reels;
using Instagram.Api.Search;
using Instagram.Api.Stories;
using Instagram.Api.Users;
using Instagram.Api.Web;
using Instagram.ServiceDefaults;
using Instagram.Silo.Hosting;
using Instagram.Silo.Ids;
using Instagram.Silo.Media;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace Instagram.Api.Extensions;

public static class ApiExtensions
{
    /// <summary>Everything the Api needs, in reading order: telemetry, Orleans, errors, validation, auth, limits, docs, health.</summary>
    public static IHostApplicationBuilder AddApiServices(this IHostApplicationBuilder builder)
    {
        builder.AddInstagramTelemetry("instagram-api");
        if (OrleansHostOptions.From(builder.Configuration).Profile == OrleansProfile.Embedded)
        {
            CoHostedSiloPorts.UseFreePortsUnlessConfigured(builder.Configuration);
        }

        var orleans = OrleansHostOptions.From(builder.Configuration);
        builder.AddLifecycleLog("Instagram.Api", orleans.Profile == OrleansProfile.Embedded
            ? orleans.Describe() + " (co-hosted silo)"
            : $"profile {orleans.Profile}, cluster {orleans.ClusterId}, service {orleans.ServiceId} (cluster client)");
        var profile = orleans.Profile;
        if (profile == OrleansProfile.Embedded)
        {
            builder.UseInstagramSilo();
        }
        else
        {
            builder.Services.AddLeasedIdGeneratorWhenUnconfigured(builder.Configuration);
            builder.UseApiClusterClient();
            builder.Services.AddMediaStore(ClusterConnections.From(builder.Configuration).Blobs);
        }

        var services = builder.Services;
        services.AddSharedState(profile, builder.Configuration);
        services.AddIdGenerator();
        services.TryAddSingleton(TimeProvider.System);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
            if (context.ProblemDetails is HttpValidationProblemDetails validation)
            {
                BadRequestProblems.Normalize(validation);
            }
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        });
        services.AddValidation();

        services.AddTrustedProxies();
        // Kestrel refuses non-ASCII header bytes itself, with a bare 400 before any middleware runs. Read them as
        // Latin-1 instead, so such a request reaches the pipeline and gets a problem detail (a bad token: 401).
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.RequestHeaderEncodingSelector = _ => System.Text.Encoding.Latin1);
        services.AddRejectedRequestProblems(); // the rest of Kestrel's own refusals
        builder.AddApiAuthentication();
        services.AddAdminAuthorization();
        services.AddApiRateLimits();
        services.AddSingleton<ServerKeys>();
        services.AddHttpContextAccessor();
        services.AddSingleton<CursorCodec>();
        services.AddSingleton<UploadUrlSigner>();
        services.AddValidatedOptions<MediaOptions, MediaOptionsValidator>(MediaOptions.SectionName);
        services.AddRealtime();
        services.AddValidatedOptions<AbuseOptions, AbuseOptionsValidator>(AbuseOptions.SectionName);
        services.AddSingleton<AbuseGuard>();

        services.AddWebClient();
        services.AddApiOpenApi();
        services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]);
        return builder;
    }

    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        app.UseTrustedProxies(); // first: everything after it sees the real client address
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebClientAssets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The whole HTTP surface, one line per feature.</summary>
    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapAuthApi();
        app.MapUsersApi();
        app.MapGraphApi();
        app.MapMediaApi();
        app.MapPostsApi();
        app.MapFeedApi();
        app.MapLikesApi();
        app.MapCommentsApi();
        app.MapNotificationsApi();
        app.MapStoriesApi();
        app.MapSearchApi();
        app.MapDiscoveryApi();
        app.MapReelsApi();
        app.MapMessagesApi();
        app.MapRealtimeApi();
        app.MapModerationApi();
        app.MapControlsApi();
        app.MapWebClient();

        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapInstagramMetrics();
        app.MapAdminDashboard();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
