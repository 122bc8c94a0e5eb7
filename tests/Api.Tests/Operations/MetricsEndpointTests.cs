using System.Globalization;
using Instagram.Api.Tests.Infrastructure;
using Instagram.Api.Tests.Moderation;
using Instagram.Grains.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Instagram.Api.Tests.Operations;

[Collection(TelemetryCollection.Name)]
public sealed class MetricsEndpointTests(TelemetryApiFactory factory)
{
    private const string Deliveries = "instagram_fanout_deliveries_total";

    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task MetricsArePrometheusTextWithOrleansAndProductMetricsAndAFanOutMovesTheDeliveryCounter()
    {
        var before = Sum(await ScrapeAsync(), Deliveries);
        var reader = await ApiClient.RegisterAsync(factory);
        var author = await ApiClient.RegisterAsync(factory);
        await reader.FollowAsync(author);
        var post = await author.PublishAsync();
        await Eventually.TrueAsync(async () => (await reader.FeedPostIdsAsync()).Contains(post), "post in the reader's feed");

        // The exporter caches a scrape for a moment, so the counter may show up on a later one.
        var text = "";
        await Eventually.TrueAsync(async () => Sum(text = await ScrapeAsync(), Deliveries) > before, "delivery counter moved");
        Assert.Contains("\norleans_", text); // Orleans' own meter
        Assert.Contains("\nhttp_server_request_duration_seconds", text); // ASP.NET Core's
    }

    [Fact]
    public async Task AColdFeedReadCountsItsRebuildItsDurationAndTheHydrationCacheLookups()
    {
        var before = await ScrapeAsync();
        var reader = await ApiClient.RegisterAsync(factory);
        var author = await ApiClient.RegisterAsync(factory);
        await reader.FollowAsync(author);
        var post = await author.PublishAsync();
        await Eventually.TrueAsync(async () => (await reader.FeedPostIdsAsync()).Contains(post), "post in the reader's feed");

        string text = "";
        await Eventually.TrueAsync(async () =>
        {
            text = await ScrapeAsync();
            return Sum(text, "instagram_feed_rebuilds_total") > Sum(before, "instagram_feed_rebuilds_total")
                && Sum(text, "instagram_feed_rebuild_duration_milliseconds_count") > Sum(before, "instagram_feed_rebuild_duration_milliseconds_count")
                && Sum(text, "instagram_cache_lookups_total", "cache=\"hydration.authors\"") > Sum(before, "instagram_cache_lookups_total", "cache=\"hydration.authors\"");
        }, "rebuild, its duration and the hydration cache's lookups counted");
        Assert.Contains("result=\"miss\"", text); // the author was not cached before this reader's first page
    }

    [Fact]
    public async Task ARequestRefusedByARateLimitIsCountedUnderItsPolicy()
    {
        const string Rejections = "instagram_rate_limit_rejections_total";
        var before = Sum(await ScrapeAsync(), Rejections, "policy=\"search\"");
        var user = await ApiClient.RegisterAsync(factory);
        var statuses = new List<System.Net.HttpStatusCode>();
        for (var i = 0; i <= TelemetryApiFactory.SearchLimit; i++)
        {
            using var response = await user.Http.GetAsync("/v1/search/users?q=someone");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, statuses[^1]);
        await Eventually.TrueAsync(async () => Sum(await ScrapeAsync(), Rejections, "policy=\"search\"") >= before + 1, "the 429 counted under the search policy");
    }

    [Fact]
    public async Task AnUploadWaitingForTheImagePipelineIsInTheMediaQueueUntilItIsProcessed()
    {
        const string Depth = "instagram_media_queue_depth";
        const string Processed = "instagram_media_processing_duration_milliseconds_count";
        var user = await ApiClient.RegisterAsync(factory);
        var before = await ScrapeAsync();
        string during = "";
        using (factory.Services.GetRequiredService<MediaProcessor>().Pause())
        {
            await user.UploadAsync();
            await Eventually.TrueAsync(async () => Sum(during = await ScrapeAsync(), Depth) == Sum(before, Depth) + 1, "the upload counted in the queue");
        }

        Assert.Equal(Sum(before, Processed, "outcome=\"processed\""), Sum(during, Processed, "outcome=\"processed\""));
        await Eventually.TrueAsync(async () =>
        {
            var after = await ScrapeAsync();
            return Sum(after, Depth) == Sum(before, Depth)
                && Sum(after, Processed, "outcome=\"processed\"") > Sum(before, Processed, "outcome=\"processed\"");
        }, "processed, and out of the queue");
    }

    [Fact]
    public async Task APublishedPostRecordsHowLongTheSearchIndexTookToApplyIt()
    {
        const string Lag = "instagram_search_index_lag_seconds_count";
        var before = Sum(await ScrapeAsync(), Lag, "kind=\"upsert\"");
        var author = await ApiClient.RegisterAsync(factory);
        var caption = "lagmeasure" + Guid.NewGuid().ToString("N")[..8];
        await author.PublishAsync(caption);

        string text = "";
        await Eventually.TrueAsync(async () => Sum(text = await ScrapeAsync(), Lag, "kind=\"upsert\"") > before, "the indexed post's lag recorded");
        Assert.Contains("\ninstagram_search_index_lag_seconds_bucket{", text);
        Assert.Contains("le=\"0.1\"", text); // the buckets are in seconds, not the milliseconds of the default ones
    }

    [Fact]
    public async Task AReportAndItsResolutionAreCounted()
    {
        const string Reports = "instagram_moderation_reports_total", Actions = "instagram_moderation_actions_total";
        var before = await ScrapeAsync();
        var author = await ApiClient.RegisterAsync(factory);
        var reporter = await ApiClient.RegisterAsync(factory);
        var admin = await Moderation.Moderation.SignInAdminAsync(factory.CreateClient(), TelemetryApiFactory.AdminUsername);
        var id = await reporter.ReportAsync("user", author.Id);
        await reporter.ReportAsync("user", author.Id); // a repeat: not counted again
        await admin.ResolveAsync(id, "dismiss");

        await Eventually.TrueAsync(async () =>
        {
            var after = await ScrapeAsync();
            return Sum(after, Reports, "target=\"user\"") == Sum(before, Reports, "target=\"user\"") + 1
                && Sum(after, Actions, "action=\"dismiss\"") == Sum(before, Actions, "action=\"dismiss\"") + 1;
        }, "one report and one dismissal counted");
    }

    private async Task<string> ScrapeAsync()
    {
        using var response = await _http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    // The sum over every label set of a metric's samples ("name{labels} value" or "name value"), or over those whose
    // labels include the given one.
    private static double Sum(string text, string metric, string? label = null) => text
        .Split('\n')
        .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
        .Where(line => label is null || line.Contains(label, StringComparison.Ordinal))
        .Sum(ValueOf);

    private static double ValueOf(string sample)
    {
        var afterName = sample.Contains('}') ? sample.LastIndexOf('}') + 1 : sample.IndexOf(' ');
        return double.Parse(sample[afterName..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
