using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Operations;

[Collection(TelemetryCollection.Name)]
public sealed class TracingTests(TelemetryApiFactory factory)
{
    [Fact]
    public async Task AFeedRequestIsOneTraceFromTheHttpSpanThroughTheGrainCalls()
    {
        var reader = await ApiClient.RegisterAsync(factory);
        await reader.FeedPostIdsAsync();

        await Eventually.TrueAsync(() => Task.FromResult(FeedRequestSpan() is not null), "the GET /v1/feed span");
        var request = FeedRequestSpan()!;
        var grainCalls = factory.Spans.Where(s => s.TraceId == request.TraceId && s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(grainCalls);
        Assert.Contains(grainCalls, call => call.DisplayName.Contains("IFeedGrain", StringComparison.Ordinal));
    }

    private System.Diagnostics.Activity? FeedRequestSpan() => factory.Spans.LastOrDefault(s =>
        s.Source.Name == "Microsoft.AspNetCore" && s.GetTagItem("url.path") as string == "/v1/feed");
}
