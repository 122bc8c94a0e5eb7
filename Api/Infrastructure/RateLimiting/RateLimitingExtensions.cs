using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Instagram.Api.Infrastructure.SharedState;
using Microsoft.AspNetCore.RateLimiting;
using StackExchange.Redis;

namespace Instagram.Api.Infrastructure.RateLimiting;

public static class RateLimitingExtensions
{
    /// <summary>
    /// One fixed-window limiter per policy and user (per client address when anonymous, and always for the auth
    /// policy); 429 with Retry-After and a problem detail when exceeded. The address is the TCP peer's unless a
    /// trusted proxy forwarded it (<see cref="Proxies.TrustedProxiesOptions"/>).
    /// </summary>
    public static IServiceCollection AddApiRateLimits(this IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitsOptions, RateLimitsOptionsValidator>(RateLimitsOptions.SectionName);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = WriteRejectionAsync;
            foreach (var policy in RateLimitPolicies.All)
            {
                limiter.AddPolicy(policy, context => PartitionFor(policy, context));
            }

            // Reads of posts, profiles, explore, blocks...: nothing without a policy of its own goes unlimited.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsExemptFromGeneralBudget(context.Request) ? RateLimitPartition.GetNoLimiter("exempt") : PartitionFor(RateLimitPolicies.General, context));
        });
        return services;
    }

    // Orchestrators probe health often from one address; media files are immutable and meant for a CDN.
    private static bool IsExemptFromGeneralBudget(HttpRequest request) =>
        request.Path.StartsWithSegments("/health") || (HttpMethods.IsGet(request.Method) && request.Path.StartsWithSegments("/media"));

    private static RateLimitPartition<string> PartitionFor(string policy, HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitsOptions>>().CurrentValue;
        var caller = policy != RateLimitPolicies.Auth && context.User.Identity?.IsAuthenticated == true
            ? "user:" + context.User.UserId().ToString(CultureInfo.InvariantCulture)
            : "ip:" + context.Connection.RemoteIpAddress;
        if (!options.Enabled)
        {
            return RateLimitPartition.GetNoLimiter(caller);
        }

        var rule = options.For(policy);
        if (context.RequestServices.GetService<IConnectionMultiplexer>() is { } redis)
        {
            // Several Api instances: the counter must be shared.
            return RateLimitPartition.Get(caller, key => new RedisFixedWindowRateLimiter(redis, $"{policy}:{key}", rule.PermitLimit, rule.Window));
        }

        return RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = rule.PermitLimit,
            Window = rule.Window,
            QueueLimit = 0,
        });
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        RateLimitMetrics.RecordRejection(context);
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        SetRetryAfter(context.Response, retryAfter);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = "Rate limit exceeded; retry after the number of seconds in Retry-After.",
            },
        });
    }

    /// <summary><c>Retry-After</c> in whole seconds, at least one (a client reading 0 would retry at once).</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
