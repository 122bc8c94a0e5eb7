using Instagram.Silo.Streaming;
using Instagram.Silo.Streaming.EventHubs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Instagram.Silo.Tests.Streaming.EventHubs;

/// <summary>Binding of <c>Streams:Provider</c> and the "EventHubs" section, and the start-up check of every rule.</summary>
public sealed class EventHubsStreamOptionsTests
{
    private const string ConnectionString = "Endpoint=sb://instagram.servicebus.windows.net/;SharedAccessKeyName=silo;SharedAccessKey=c2VjcmV0";

    [Fact]
    public void TheProviderIsRedisStreamsUnlessConfigurationSaysEventHubs()
    {
        Assert.Equal(StreamsProvider.RedisStreams, StreamsOptions.From(Configuration()).Provider);
        Assert.Equal(StreamsProvider.EventHubs, StreamsOptions.From(Configuration(("Streams:Provider", "EventHubs"))).Provider);
    }

    [Fact]
    public void AnUnknownProviderNameFailsWithTheBindersLineNamingTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StreamsOptions.From(Configuration(("Streams:Provider", "Kafka"))));

        Assert.StartsWith("Failed to convert configuration value", error.Message);
        Assert.Contains("Streams:Provider", error.Message);
    }

    [Fact]
    public void EverySettingBindsFromTheEventHubsSection()
    {
        var options = Configuration(
                ("EventHubs:FullyQualifiedNamespace", "instagram.servicebus.windows.net"),
                ("EventHubs:HubName", "events"),
                ("EventHubs:ConsumerGroup", "silos"),
                ("EventHubs:PartitionCount", "16"),
                ("EventHubs:PrefetchCount", "500"),
                ("EventHubs:CheckpointInterval", "00:00:30"),
                ("EventHubs:StartFromNow", "true"))
            .GetSection(EventHubsStreamOptions.SectionName).Get<EventHubsStreamOptions>()!;

        Assert.Equal("instagram.servicebus.windows.net", options.FullyQualifiedNamespace);
        Assert.Null(options.ConnectionString);
        Assert.Equal("events", options.HubName);
        Assert.Equal("silos", options.ConsumerGroup);
        Assert.Equal(16, options.PartitionCount);
        Assert.Equal(500, options.PrefetchCount);
        Assert.Equal(TimeSpan.FromSeconds(30), options.CheckpointInterval);
        Assert.True(options.StartFromNow);
        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void AConnectionStringAloneIsEnoughBesidesTheHubName()
    {
        Assert.True(Validate(new EventHubsStreamOptions { ConnectionString = ConnectionString, HubName = "events" }).Succeeded);
    }

    public static TheoryData<string, Action<EventHubsStreamOptions>, string> BadValues => new()
    {
        { "missing hub name", options => options.HubName = "", "HubName" },
        { "blank consumer group", options => options.ConsumerGroup = " ", "ConsumerGroup" },
        { "neither credential", options => options.ConnectionString = null, "neither is set" },
        { "both credentials", options => options.FullyQualifiedNamespace = "instagram.servicebus.windows.net", "both are set" },
        { "namespace as a URL", options => (options.ConnectionString, options.FullyQualifiedNamespace) = (null, "sb://instagram.servicebus.windows.net/"), "not a URL" },
        { "not a connection string", options => options.ConnectionString = "instagram.servicebus.windows.net", "no Endpoint=" },
        { "no partitions", options => options.PartitionCount = 0, "PartitionCount" },
        { "too many partitions", options => options.PartitionCount = 2048, "PartitionCount" },
        { "no prefetch", options => options.PrefetchCount = 0, "PrefetchCount" },
        { "zero checkpoint interval", options => options.CheckpointInterval = TimeSpan.Zero, "CheckpointInterval" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void EachBadValueFailsWithOneLineNamingIt(string because, Action<EventHubsStreamOptions> spoil, string named)
    {
        var options = new EventHubsStreamOptions { ConnectionString = ConnectionString, HubName = "events" };
        spoil(options);

        var result = Validate(options);

        Assert.True(result.Failed, because);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains(named, failure);
        Assert.DoesNotContain('\n', failure);
        Assert.DoesNotContain("c2VjcmV0", failure); // the key of the connection string is never echoed
    }

    private static ValidateOptionsResult Validate(EventHubsStreamOptions options) => new EventHubsStreamOptionsValidator().Validate(null, options);

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
