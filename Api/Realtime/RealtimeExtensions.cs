using Instagram.Grains.Realtime;

namespace Instagram.Api.Realtime;

public static class RealtimeExtensions
{
    /// <summary>SignalR (JSON protocol), this instance's connection table and observer, and the periodic restatement.</summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        // The silo registers these too when it is co-hosted; the Cluster profile's Api reads the same section itself.
        services.AddValidatedOptions<RealtimeOptions, RealtimeOptionsValidator>(RealtimeOptions.SectionName);
        services.AddSignalR();
        services.AddSingleton<RealtimeObserver>();
        services.AddSingleton<RealtimeConnections>();
        services.AddHostedService<RealtimeRestateService>();
        return services;
    }
}
