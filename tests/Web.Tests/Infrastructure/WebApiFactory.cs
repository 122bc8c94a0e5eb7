using System.Globalization;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Web.Tests.Infrastructure;

/// <summary>The Api on a real loopback port (Kestrel), so a browser can load the web client from it.</summary>
public sealed class WebApiFactory : ApiFactory
{
    private readonly IDictionary<string, string?> _settings;

    public WebApiFactory(IDictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["RateLimits:Enabled"] = "false",
            ["Media:MaxUploadBytes"] = (8 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
        };
        Port = FreePort();
        UseKestrel(Port);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    protected override IDictionary<string, string?> Settings => _settings;

    /// <summary>A setting that depends on the port (read when the server starts, so only before that).</summary>
    public void AddSetting(string key, string? value) => _settings[key] = value;

    public override Task InitializeAsync()
    {
        StartServer();
        return Task.CompletedTask;
    }
}
