using System.Globalization;
using Instagram.Api.Tests.Infrastructure;

namespace Instagram.Api.Tests.Operations;

/// <summary>The Api process itself, started with a bad value: it must end at once, with one line and exit code 2.</summary>
public sealed class ConfigurationErrorTests
{
    [Fact]
    public async Task AShortSigningKeyEndsTheApiWithOneLineNamingTheKeyAndExitCode2()
    {
        var (exitCode, lines) = await ProcessRun.ToExitAsync("Instagram.Api.dll", new Dictionary<string, string>
        {
            ["Jwt__SigningKey"] = "short",
            ["Orleans__SiloPort"] = ApiFactory.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = ApiFactory.FreePort().ToString(CultureInfo.InvariantCulture),
        }, $"--urls http://127.0.0.1:{ApiFactory.FreePort()}");

        Assert.Equal(2, exitCode);
        Assert.Contains("SigningKey", Assert.Single(lines));
    }

    [Fact]
    public async Task AClusterApiWithoutTheBlobConnectionStringEndsWithOneLineNamingItAndExitCode2()
    {
        var (exitCode, lines) = await ProcessRun.ToExitAsync("Instagram.Api.dll", new Dictionary<string, string>
        {
            ["Orleans__Profile"] = "Cluster",
            ["Jwt__SigningKey"] = ApiFactory.SigningKey,
            // Never contacted: the missing Blobs stops the Api before any connection is tried.
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Database=none;Username=none",
            ["ConnectionStrings__Redis"] = "127.0.0.1:1",
            ["ConnectionStrings__Blobs"] = "",
        }, $"--urls http://127.0.0.1:{ApiFactory.FreePort()}");

        Assert.Equal(2, exitCode);
        Assert.Contains("ConnectionStrings:Blobs", Assert.Single(lines));
    }
}
