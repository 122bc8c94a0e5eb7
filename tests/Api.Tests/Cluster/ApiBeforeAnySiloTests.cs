using System.Net;
using System.Net.Http.Json;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Cluster;

/// <summary>
/// The Api process on the Cluster profile, started before any silo of its cluster: it must listen at once (a liveness
/// probe would otherwise kill it), report not-ready, and turn ready by itself when a silo joins.
/// </summary>
[Trait("Category", "Services")]
public sealed class ApiBeforeAnySiloTests
{
    [Fact]
    public async Task AnApiStartedBeforeAnySiloIsLiveAtOnceAndReadyWhenASiloJoins()
    {
        var cluster = "api-first-" + Guid.NewGuid().ToString("N");
        var apiEnvironment = ClusterSiloHost.ProcessEnvironment(cluster, generatorId: 90);
        apiEnvironment["Jwt__SigningKey"] = ApiFactory.SigningKey;
        await using var api = ApiProcess.Start(apiEnvironment);
        var http = api.Http;
        await Eventually.TrueAsync(async () => await HttpProbe.StatusAsync(http, "/health/live") == HttpStatusCode.OK, "the Api listens with no silo", TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await HttpProbe.StatusAsync(http, "/health/ready"));

        await using var silo = await ClusterSiloHost.StartAsync(new Dictionary<string, string?>
        {
            ["Orleans:Profile"] = "Cluster",
            ["Orleans:ClusterId"] = cluster,
            ["Orleans:ServiceId"] = cluster,
            ["ConnectionStrings:Postgres"] = ClusterSiloHost.RequiredConnectionString("Postgres"),
            ["ConnectionStrings:Redis"] = ClusterSiloHost.RequiredConnectionString("Redis"),
            ["ConnectionStrings:Blobs"] = ClusterSiloHost.RequiredConnectionString("Blobs"),
            ["Ids:GeneratorId"] = "91",
        });
        await Eventually.TrueAsync(async () => await HttpProbe.StatusAsync(http, "/health/ready") == HttpStatusCode.OK, "ready once a silo answers", TimeSpan.FromSeconds(60));
        using var register = await http.PostAsJsonAsync("/v1/auth/register", new { username = "first_" + Guid.NewGuid().ToString("N")[..20], email = "first@example.com", password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
    }
}
