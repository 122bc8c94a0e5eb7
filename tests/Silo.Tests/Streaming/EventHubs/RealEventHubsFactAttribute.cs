using Instagram.Silo.Tests.Infrastructure;

namespace Instagram.Silo.Tests.Streaming.EventHubs;

/// <summary>
/// A test that needs a real Event Hubs namespace: skipped, and reported as skipped with the reason, unless the
/// environment names one (<c>EventHubs__HubName</c> plus <c>EventHubs__ConnectionString</c> or
/// <c>EventHubs__FullyQualifiedNamespace</c>).
/// </summary>
public sealed class RealEventHubsFactAttribute : FactAttribute
{
    public RealEventHubsFactAttribute()
    {
        if (!EventHubsTestCluster.RealHubConfigured)
        {
            Skip = "No Event Hubs namespace configured: set EventHubs__HubName and EventHubs__ConnectionString (or EventHubs__FullyQualifiedNamespace with an az login) to run it.";
        }
    }
}
