using Instagram.Grains.Abstractions;
using Instagram.Grains.Discovery;
using Instagram.Grains.Feed;
using Instagram.Grains.Messages;
using Instagram.Grains.Notifications;
using Instagram.Grains.Realtime;
using Instagram.Grains.Stories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Instagram.Grains;

public static class GrainsExtensions
{
    /// <summary>
    /// What the grains consume, whatever the profile: feed policy and the id generator. Providers (storage,
    /// streams, reminders) are the host's business.
    /// </summary>
    public static ISiloBuilder AddInstagramGrains(this ISiloBuilder silo)
    {
        silo.Services.AddValidatedOptions<FeedOptions, FeedOptionsValidator>(FeedOptions.SectionName);
        silo.Services.AddValidatedOptions<DiscoveryOptions, DiscoveryOptionsValidator>(DiscoveryOptions.SectionName);
        silo.Services.AddValidatedOptions<StoriesOptions, StoriesOptionsValidator>(StoriesOptions.SectionName);
        silo.Services.AddValidatedOptions<NotificationOptions, NotificationOptionsValidator>(NotificationOptions.SectionName);
        silo.Services.AddValidatedOptions<MessagesOptions, MessagesOptionsValidator>(MessagesOptions.SectionName);
        silo.Services.AddValidatedOptions<RealtimeOptions, RealtimeOptionsValidator>(RealtimeOptions.SectionName);
        silo.Services.TryAddSingleton<IPushNotificationSender, LoggingPushNotificationSender>();
        silo.Services.AddIdGenerator();
        silo.Services.TryAddSingleton<LastSiloStopping>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<LastSiloStopping>());
        silo.Services.TryAddSingleton<Posts.HydrationCache>();
        silo.Services.TryAddSingleton<Posts.SiloPostCache>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<Posts.SiloPostCache>());
        silo.Services.TryAddSingleton<Posts.PostHydrator>();
        silo.Services.TryAddSingleton<CelebrityTimelines>();
        silo.Services.TryAddSingleton<Reels.ReelCandidates>();
        silo.Services.TryAddSingleton<Reels.ReelWatchTargets>();
        silo.Services.TryAddSingleton<FanOut.FanOutDelivery>();
        silo.Services.TryAddSingleton<Graph.FollowerActivityMarks>();
        silo.Services.TryAddSingleton<Graph.StoredFollowingPages>();
        silo.Services.TryAddSingleton<Feed.Timelines.FeedRebuildGate>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        return silo;
    }
}
