using System.Net;
using System.Text.RegularExpressions;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Web;

/// <summary>
/// How the Api serves the web client (issue 19): the page shell at the client's routes, never cached and under a
/// strict Content-Security-Policy; its modules by content hash, cached for a year; the API's own 404s untouched.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class WebClientServingTests(ApiFactory factory)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/login")]
    [InlineData("/u/someone")]
    [InlineData("/p/123")]
    [InlineData("/tags/sunrise")]
    [InlineData("/direct")]
    [InlineData("/direct/123")]
    public async Task TheShellIsServedAtEachClientRouteUncachedAndUnderAStrictPolicy(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoCache);
        var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' 'sha256-", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        // 'self' also admits a WebSocket to this host (CSP level 3): the messages pages' connection to the hub.
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("<script type=\"importmap\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryModuleTheShellNamesCarriesItsHashAndIsCachedForAYear()
    {
        var http = factory.CreateClient();
        var shell = await http.GetStringAsync("/");
        var urls = AssetUrl().Matches(shell).Select(m => m.Value).Distinct().ToList();

        Assert.Contains(urls, url => url.StartsWith("/app/main.js?v=", StringComparison.Ordinal));
        Assert.Contains(urls, url => url.StartsWith("/app/styles.css?v=", StringComparison.Ordinal));
        foreach (var url in urls)
        {
            var response = await http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
            Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AModuleAskedForWithoutItsCurrentHashMustBeRevalidated()
    {
        var http = factory.CreateClient();

        var stale = await http.GetAsync("/app/main.js?v=000000000000");
        var bare = await http.GetAsync("/app/main.js");

        Assert.True(stale.Headers.CacheControl?.NoCache);
        Assert.True(bare.Headers.CacheControl?.NoCache);
    }

    [Theory]
    [InlineData("/v1/no-such-route")]
    [InlineData("/app/no-such-file.js")]
    [InlineData("/u/a/b/c/d")]
    public async Task PathsOutsideTheClientStillAnswerAProblem(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex(@"/app/[\w./-]+\?v=[0-9a-f]{12}")]
    private static partial Regex AssetUrl();
}
