using System.Net;
using System.Net.Http.Json;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Operations;

/// <summary>
/// Two Embedded Apis on one machine, neither given silo ports: each must run its own silo on its own ports. (On the
/// same default ports both would start, since Orleans binds its sockets with address reuse, and then silently trade
/// connections between two clusters.)
/// </summary>
public sealed class EmbeddedPortsTests
{
    [Fact]
    public async Task TwoEmbeddedApisWithoutConfiguredPortsKeepSeparateData()
    {
        await using var first = Start();
        await using var second = Start();
        foreach (var api in new[] { first, second })
        {
            await Eventually.TrueAsync(async () => await HttpProbe.StatusAsync(api.Http, "/health/ready") == HttpStatusCode.OK, "an Embedded Api ready", TimeSpan.FromSeconds(60));
        }

        var ports = new[] { first, second }.Select(api => SiloPortsOf(api.Output)).ToArray();
        Assert.NotEqual(ports[0], ports[1]);
        Assert.DoesNotContain("silo port 11111", ports[0] + ports[1]); // the Cluster silo's default

        // Usernames are unique within a cluster: the same one registers on both only if they are two clusters.
        var username = "twin_" + Guid.NewGuid().ToString("N")[..20];
        foreach (var api in new[] { first, second })
        {
            using var response = await api.Http.PostAsJsonAsync("/v1/auth/register", new { username, email = $"{username}@example.com", password = "correct horse battery" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    private static ApiProcess Start() => ApiProcess.Start(new Dictionary<string, string>
    {
        ["Jwt__SigningKey"] = ApiFactory.SigningKey,
        ["Media__LocalPath"] = Path.Combine(Path.GetTempPath(), "instagram-api-tests", Guid.NewGuid().ToString("N")),
    });

    // "silo port N, gateway port M" from the Api's start-up line.
    private static string SiloPortsOf(IReadOnlyCollection<string> output)
    {
        var line = output.First(l => l.Contains("silo port", StringComparison.Ordinal));
        return line[line.IndexOf("silo port", StringComparison.Ordinal)..];
    }
}
