using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Instagram.Grains.Abstractions;
using Instagram.Silo.Media;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Instagram.Silo.Tests.Media;

/// <summary>
/// Media:BrowserUploadOrigins on the Blob-backed store (Azurite): start-up adds the CORS rule, so a browser's preflight
/// for a direct upload passes, and applying it again writes nothing. Each test uses an origin of its own and removes
/// its rule afterwards, leaving the account's other rules alone.
/// </summary>
[Trait("Category", "Services")]
public sealed class BlobBrowserUploadCorsTests
{
    private static readonly string Blobs = Environment.GetEnvironmentVariable("ConnectionStrings__Blobs")
        ?? throw new InvalidOperationException("ConnectionStrings__Blobs is not set: run the suite with 'bash tests/run.sh'.");

    private readonly BlobServiceClient _service = new(Blobs);

    [Fact]
    public async Task StartUpAllowsBrowserUploadsFromTheConfiguredOrigin()
    {
        var origin = $"https://cors-{Guid.NewGuid():N}.example";
        using var host = BuildHost(origin + "/");
        await host.StartAsync();
        try
        {
            BlobCorsRule? rule = null;
            await Eventually.TrueAsync(async () => (rule = await RuleForAsync(origin)) is not null, "the CORS rule for " + origin, TimeSpan.FromSeconds(15));

            Assert.Equal(origin, rule!.AllowedOrigins); // the trailing slash is dropped: browsers never send one
            Assert.Equal(["OPTIONS", "PUT"], Split(rule.AllowedMethods));
            Assert.Contains("x-ms-blob-type", Split(rule.AllowedHeaders));
            Assert.Contains("x-ms-*", Split(rule.AllowedHeaders));
            Assert.Equal(3600, rule.MaxAgeInSeconds);

            var store = (BlobMediaStore)host.Services.GetRequiredService<IMediaStore>();
            Assert.False(await store.AllowBrowserUploadsAsync(CancellationToken.None)); // already there: nothing written

            using var preflight = await PreflightAsync(origin);
            Assert.True(preflight.IsSuccessStatusCode, $"preflight answered {(int)preflight.StatusCode}");
            Assert.Equal(origin, preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        }
        finally
        {
            await host.StopAsync();
            await RemoveRuleAsync(origin);
        }
    }

    [Fact]
    public async Task WithoutOriginsStartUpLeavesCorsAlone()
    {
        var before = (await _service.GetPropertiesAsync()).Value.Cors.Count;
        using var host = BuildHost();
        await host.StartAsync();
        await host.StopAsync();

        var store = (BlobMediaStore)host.Services.GetRequiredService<IMediaStore>();
        Assert.False(await store.AllowBrowserUploadsAsync(CancellationToken.None));
        Assert.Equal(before, (await _service.GetPropertiesAsync()).Value.Cors.Count);
    }

    private static IHost BuildHost(params string[] origins)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(origins.Select((origin, i) => KeyValuePair.Create<string, string?>($"Media:BrowserUploadOrigins:{i}", origin)));
        builder.Services.AddLogging();
        builder.Services.AddMediaStore(Blobs);
        return builder.Build();
    }

    private async Task<BlobCorsRule?> RuleForAsync(string origin) =>
        (await _service.GetPropertiesAsync()).Value.Cors.FirstOrDefault(rule => rule.AllowedOrigins == origin);

    private async Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, _service.GetBlobContainerClient(BlobMediaStore.ContainerName).GetBlobClient("uploads/preflight").Uri);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "x-ms-blob-type,content-type");
        return await http.SendAsync(request);
    }

    private async Task RemoveRuleAsync(string origin)
    {
        var properties = (await _service.GetPropertiesAsync()).Value;
        properties.Cors = [.. properties.Cors.Where(rule => rule.AllowedOrigins != origin)];
        await _service.SetPropertiesAsync(properties);
    }

    private static string[] Split(string list) =>
        [.. list.Split(',', StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)];
}
