using System.Globalization;
using System.Net;
using Instagram.ServiceDefaults;
using Instagram.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Instagram.Silo.Tests.Hosting;

[Collection(SiloHttpCollection.Name)]
public sealed class SiloHttpEndpointTests
{
    [Fact]
    public async Task ASiloWithAnHttpPortAnswersHealthAndMetrics()
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:Profile"] = "Embedded",
            ["Orleans:SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:ClusterId"] = "silo-http-" + Guid.NewGuid().ToString("N"),
        });
        builder.AddInstagramTelemetry("instagram-silo");
        builder.UseInstagramSilo();
        await using var app = SiloHttpEndpoint.Build(builder, port);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        await Eventually.TrueAsync(async () => (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "ready once the silo is active");
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("\norleans_", metrics);

        await app.StopAsync();
    }
}

/// <summary>Alone, after the other tests: a test cluster alive in the same process would share the Orleans meter's names.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SiloHttpCollection
{
    public const string Name = "silo-http";
}
