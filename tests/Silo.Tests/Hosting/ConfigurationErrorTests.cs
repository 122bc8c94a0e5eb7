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
}
