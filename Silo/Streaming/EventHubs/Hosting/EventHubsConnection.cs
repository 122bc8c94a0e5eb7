using Azure.Identity;
using Orleans.Configuration;

namespace Instagram.Silo.Streaming.EventHubs.Hosting;

/// <summary>Connects an Event Hubs stream provider (silo or client) to the hub of the validated "EventHubs" section.</summary>
internal static class EventHubsConnection
{
    public static void UseConfiguredHub(this IEventHubStreamConfigurator streams)
    {
        streams.ConfigureDelegate(services => services.AddEventHubsStreamOptions());
        streams.ConfigureEventHub(hub => hub.Configure<IOptions<EventHubsStreamOptions>>((options, ours) => Configure(options, ours.Value)));
    }

    public static IServiceCollection AddEventHubsStreamOptions(this IServiceCollection services) =>
        services.AddValidatedOptions<EventHubsStreamOptions, EventHubsStreamOptionsValidator>(EventHubsStreamOptions.SectionName);

    private static void Configure(EventHubOptions hub, EventHubsStreamOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            hub.ConfigureEventHubConnection(options.ConnectionString, options.HubName, options.ConsumerGroup);
        }
        else
        {
            // DefaultAzureCredential: the container's managed identity on Azure, a developer's az login elsewhere.
            hub.ConfigureEventHubConnection(options.FullyQualifiedNamespace!, options.HubName, options.ConsumerGroup, new DefaultAzureCredential());
        }
    }
}
