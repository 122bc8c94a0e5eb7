using System.Net;
using System.Net.Sockets;
using Instagram.Silo.Streaming.RedisStreams;
using Instagram.Silo.Streaming.RedisStreams.Hosting;
using Microsoft.Extensions.Hosting;

namespace Instagram.Silo.Tests.Streaming;

public sealed class RedisStreamsOptionsValidatorTests
{
    [Fact]
    public void DefaultsWithAConnectionStringAreValid()
    {
        new RedisStreamsOptionsValidator(new RedisStreamsOptions { ConnectionString = "127.0.0.1:6379" }, "events").ValidateConfiguration();
    }

    [Fact]
    public void BadValuesAreRejectedWithTheProviderNameAndEveryOffendingSetting()
    {
        var options = new RedisStreamsOptions
        {
            ConnectionString = "",
            QueueCount = 0,
            BatchSize = 0,
            ClaimIdleTime = TimeSpan.Zero,
            MaxStreamLength = 0,
            KeyPrefix = " ",
            ConsumerGroup = "",
        };

        var error = Assert.Throws<OrleansConfigurationException>(() => new RedisStreamsOptionsValidator(options, "events").ValidateConfiguration());

        Assert.Contains("'events'", error.Message);
        foreach (var setting in new[] { "ConnectionString", "QueueCount", "BatchSize", "ClaimIdleTime", "MaxStreamLength", "KeyPrefix", "ConsumerGroup" })
        {
            Assert.Contains(setting, error.Message);
        }
    }

    [Fact]
    public async Task ASiloWithBadRedisStreamOptionsRefusesToStartAndNamesTheProvider()
    {
        using var host = Host.CreateDefaultBuilder()
            .UseOrleans(silo => silo
                .UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort())
                .AddMemoryGrainStorage("PubSubStore")
                .AddRedisStreams("misconfigured-events", options =>
                {
                    options.ConnectionString = "127.0.0.1:1";
                    options.QueueCount = 0;
                }))
            .Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        var configuration = Assert.IsType<OrleansConfigurationException>(error.GetBaseException());
        Assert.Contains("'misconfigured-events'", configuration.Message);
        Assert.Contains("QueueCount", configuration.Message);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
