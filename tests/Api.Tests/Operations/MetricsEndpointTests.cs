using System.Globalization;
using Instagram.Api.Tests.Infrastructure;

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

    private async Task<string> ScrapeAsync()
    {
        using var response = await _http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    // The sum over every label set of a metric's samples ("name{labels} value" or "name value").
    private static double Sum(string text, string metric) => text
        .Split('\n')
        .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
        .Sum(line => double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture));
}
