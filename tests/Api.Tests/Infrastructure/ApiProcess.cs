using System.Globalization;

namespace Instagram.Api.Tests.Infrastructure;

/// <summary>
/// The Api as a process of its own on a free loopback port, with its own appsettings.json as content root (the test
/// output folder's is the Silo's), for tests of how it starts and hosts. Killed on dispose.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly ProgramProcess _process;

    private ApiProcess(IDictionary<string, string> environment)
    {
        var port = ApiFactory.FreePort();
        var contentRoot = Path.Combine(AppContext.BaseDirectory, "api-content-root");
        _process = new ProgramProcess("Instagram.Api.dll", environment,
            $"--urls http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)} --contentRoot {contentRoot}");
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http { get; }

    /// <summary>The lines the process has written to stdout so far.</summary>
    public IReadOnlyCollection<string> Output => _process.Output;

    public static ApiProcess Start(IDictionary<string, string> environment) => new(environment);

    /// <summary>Stops it the way Ctrl+C or a service manager does, so its shutdown runs.</summary>
    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Http.Dispose();
    }
}
