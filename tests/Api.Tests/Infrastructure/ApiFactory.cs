using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Instagram.Api.Tests.Infrastructure;

/// <summary>
/// The real Api pipeline with its co-hosted Embedded silo. Each factory gets its own free silo ports and media
/// folder, so factories can run side by side. Rate limits and bot-speed limits are off unless a test fixture turns them on.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnop";

    /// <summary>The account every test Api treats as an admin (<c>Admin:Usernames</c>).</summary>
    public const string DefaultAdminUsername = "mod_admin";

    /// <summary>PBKDF2 rounds for the passwords test Apis hash (production keeps ASP.NET Core's default).</summary>
    public const int TestPasswordIterations = 1_000;

    public string MediaPath { get; } = Path.Combine(Path.GetTempPath(), "instagram-api-tests", Guid.NewGuid().ToString("N"));

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:Enabled"] = "false",
        ["Admin:Usernames:0"] = DefaultAdminUsername,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Jwt:SigningKey", SigningKey);
        builder.UseSetting("Media:LocalPath", MediaPath);
        builder.UseSetting("Media:MaxUploadBytes", "4096");
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:ClusterId", "api-tests-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("Orleans:ServiceId", "api-tests");
        // Tests read what they just wrote: no caching of explore and reels candidates and rankings; watch time flushed fast.
        builder.UseSetting("Discovery:CandidateRefresh", "00:00:00");
        builder.UseSetting("Discovery:ExploreCacheTtl", "00:00:00");
        builder.UseSetting("Discovery:ReelsCacheTtl", "00:00:00");
        builder.UseSetting("Discovery:WatchFlushInterval", "00:00:00.100");
        // Tests follow and comment at machine speed with the same few texts: the bot-speed limits would refuse them.
        // The fixtures that test those limits turn them on in their Settings.
        builder.UseSetting("Abuse:Enabled", "false");
        // Every registration hashes its password. At the production work factor (100,000 PBKDF2 rounds, about 0.1 s of
        // CPU here) the suite's registrations alone cost about a minute of CPU; tests check what a password does, not
        // how hard it is to crack. Hashes still verify at any count (it is stored in the hash).
        builder.ConfigureServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordIterations));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public virtual Task InitializeAsync()
    {
        _ = Server; // start the host (and its silo) once, up front
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(MediaPath))
        {
            Directory.Delete(MediaPath, recursive: true);
        }
    }

    public static int FreePort() => FreePorts.Next();
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "Api";
}
