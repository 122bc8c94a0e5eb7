using System.Diagnostics;
using System.Globalization;
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
        var first = Start();
        var second = Start();
        try
        {
            foreach (var (_, http, _) in new[] { first, second })
            {
                await Eventually.TrueAsync(async () => await HttpProbe.StatusAsync(http, "/health/ready") == HttpStatusCode.OK, "an Embedded Api ready", TimeSpan.FromSeconds(60));
            }

            var ports = new[] { first, second }.Select(api => SiloPortsOf(api.Output)).ToArray();
            Assert.NotEqual(ports[0], ports[1]);
            Assert.DoesNotContain("silo port 11111", ports[0] + ports[1]); // the Cluster silo's default

            // Usernames are unique within a cluster: the same one registers on both only if they are two clusters.
            var username = "twin_" + Guid.NewGuid().ToString("N")[..20];
            foreach (var (_, http, _) in new[] { first, second })
            {
                using var response = await http.PostAsJsonAsync("/v1/auth/register", new { username, email = $"{username}@example.com", password = "correct horse battery" });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }
        }
        finally
        {
            foreach (var (process, http, _) in new[] { first, second })
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                http.Dispose();
                process.Dispose();
            }
        }
    }

    // "silo port N, gateway port M" from the Api's start-up line.
    private static string SiloPortsOf(System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        var line = output.First(l => l.Contains("silo port", StringComparison.Ordinal));
        return line[line.IndexOf("silo port", StringComparison.Ordinal)..];
    }

    private static (Process Process, HttpClient Http, System.Collections.Concurrent.ConcurrentQueue<string> Output) Start()
    {
        var port = ApiFactory.FreePort();
        var process = Process.Start(ProcessRun.StartInfo("Instagram.Api.dll", new Dictionary<string, string>
        {
            ["Jwt__SigningKey"] = ApiFactory.SigningKey,
            ["Media__LocalPath"] = Path.Combine(Path.GetTempPath(), "instagram-api-tests", Guid.NewGuid().ToString("N")),
        }, $"--urls http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)} --contentRoot {Path.Combine(AppContext.BaseDirectory, "api-content-root")}"))!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                output.Enqueue(line);
            }
        });
        _ = process.StandardError.ReadToEndAsync(); // drained, so a chatty process never blocks on a full pipe
        return (process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) }, output);
    }
}
