using System.Globalization;

namespace Instagram.Silo.Tests.Streaming.EventHubs;

/// <summary>The silo process with <c>Streams:Provider=EventHubs</c> and one bad setting: one line and exit code 2.</summary>
[Trait("Category", "Services")]
public sealed class EventHubsStartupTests
{
    [Theory]
    [InlineData("EventHubs__HubName", "", "HubName")]
    [InlineData("EventHubs__ConnectionString", "", "neither is set")]
    [InlineData("EventHubs__PartitionCount", "0", "PartitionCount")]
    public async Task AnEventHubsSiloWithABadSettingEndsWithOneLineNamingItAndExitCode2(string variable, string value, string named)
    {
        var environment = new Dictionary<string, string>
        {
            ["Orleans__Profile"] = "Cluster",
            ["Orleans__ServiceId"] = $"eventhubs-startup-{Guid.NewGuid():N}",
            ["Orleans__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            // The real services: the pre-flight check passes, so what stops the silo is the Event Hubs setting alone.
            ["ConnectionStrings__Postgres"] = Required("Postgres"),
            ["ConnectionStrings__Redis"] = Required("Redis"),
            ["ConnectionStrings__Blobs"] = Required("Blobs"),
            ["Streams__Provider"] = "EventHubs",
            ["EventHubs__ConnectionString"] = "Endpoint=sb://never-dialled.invalid/;SharedAccessKeyName=silo;SharedAccessKey=unused",
            ["EventHubs__HubName"] = "events",
        };
        environment[variable] = value;

        var (exitCode, lines) = await ProcessRun.ToExitAsync("Instagram.Silo.dll", environment);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(lines);
        Assert.StartsWith("Instagram.Silo: configuration error: ", line);
        Assert.Single(line.Split("; "), problem => problem.Contains(named, StringComparison.Ordinal)); // said once
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable($"ConnectionStrings__{name}")
        ?? throw new InvalidOperationException($"ConnectionStrings__{name} is not set; load /tmp/services.env.");
}
