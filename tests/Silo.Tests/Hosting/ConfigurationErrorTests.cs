using System.Globalization;

namespace Instagram.Silo.Tests.Hosting;

/// <summary>The silo process itself, started with one bad value: it must end at once, with one line and exit code 2.</summary>
public sealed class ConfigurationErrorTests
{
    [Theory]
    [InlineData("Feed__CelebrityThreshold", "-5", "CelebrityThreshold")]
    [InlineData("Orleans__Profile", "Clustr", "Orleans:Profile")]
    public async Task ABadValueEndsTheSiloWithOneLineNamingTheKeyAndExitCode2(string variable, string value, string named)
    {
        var (exitCode, lines) = await ProcessRun.ToExitAsync("Instagram.Silo.dll", new Dictionary<string, string>
        {
            ["Orleans__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            [variable] = value,
        });

        Assert.Equal(2, exitCode);
        Assert.Contains(named, Assert.Single(lines));
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("Redis")]
    [InlineData("Blobs")]
    public async Task AClusterSiloWithoutAConnectionStringEndsWithOneLineNamingItAndExitCode2(string missing)
    {
        var environment = new Dictionary<string, string>
        {
            ["Orleans__Profile"] = "Cluster",
            ["Orleans__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            // Never contacted: the missing one stops the silo before any connection is tried.
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Database=none;Username=none",
            ["ConnectionStrings__Redis"] = "127.0.0.1:1",
            ["ConnectionStrings__Blobs"] = "UseDevelopmentStorage=true",
        };
        environment[$"ConnectionStrings__{missing}"] = "";

        var (exitCode, lines) = await ProcessRun.ToExitAsync("Instagram.Silo.dll", environment);

        Assert.Equal(2, exitCode);
        Assert.Contains($"ConnectionStrings:{missing}", Assert.Single(lines));
    }
}
