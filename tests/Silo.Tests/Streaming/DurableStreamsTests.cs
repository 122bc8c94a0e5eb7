using Instagram.Grains.Common;
using Instagram.Silo.Hosting;
using Instagram.Silo.Streaming.RedisStreams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Streaming.EventHubs;
using Orleans.Streams;

namespace Instagram.Silo.Tests.Streaming;

/// <summary>
/// <c>Streams:Provider</c> decides the engine behind the one provider name grains use, on silos and on producing
/// clients alike. The hosts are built, not started: nothing is dialled.
/// </summary>
public sealed class DurableStreamsTests
{
    public static TheoryData<string?, Type> Engines => new()
    {
        { null, typeof(RedisQueueAdapterFactory) },
        { "RedisStreams", typeof(RedisQueueAdapterFactory) },
        { "EventHubs", typeof(EventHubAdapterFactory) },
    };

    [Theory]
    [MemberData(nameof(Engines))]
    public void ASiloReadsTheEngineStreamsProviderNames(string? provider, Type engine)
    {
        var builder = HostWith(provider);
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddDurableStreams(builder.Configuration, "127.0.0.1:1"));

        Assert.IsType(engine, AdapterFactory(builder));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void AClientProducesOnTheEngineStreamsProviderNames(string? provider, Type engine)
    {
        var builder = HostWith(provider);
        builder.UseOrleansClient(client => client.UseLocalhostClustering().AddDurableStreams(builder.Configuration));

        Assert.IsType(engine, AdapterFactory(builder));
    }

    private static HostApplicationBuilder HostWith(string? provider)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Streams:Provider"] = provider,
            ["ConnectionStrings:Redis"] = "127.0.0.1:1",
            ["EventHubs:HubName"] = "events",
            ["EventHubs:ConnectionString"] = "Endpoint=sb://never-dialled.invalid/;SharedAccessKeyName=tests;SharedAccessKey=unused",
        });
        return builder;
    }

    private static IQueueAdapterFactory AdapterFactory(HostApplicationBuilder builder)
    {
        using var host = builder.Build();
        return host.Services.GetRequiredKeyedService<IQueueAdapterFactory>(ProviderNames.Streams);
    }
}
