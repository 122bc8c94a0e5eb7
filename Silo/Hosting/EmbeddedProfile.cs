using Instagram.Grains.Abstractions;
using Instagram.Grains.Feed.Timelines;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Instagram.Silo.Media;
using Instagram.Silo.Search;

namespace Instagram.Silo.Hosting;

public static class EmbeddedProfile
{
    /// <summary>
    /// In-memory storage, memory streams and in-memory reminders, plus media on the local disk. Everything is
    /// lost when the process stops; that is the point of this profile. Clustering is left to the caller, so
    /// the test host can supply its own.
    /// </summary>
    public static ISiloBuilder AddEmbeddedProviders(this ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(ProviderNames.GrainStorage, options => options.UseBinaryGrainState());
        // Registered after it under the same name, so this wrapper is the provider grains get.
        silo.Services.AddGrainStorage(ProviderNames.GrainStorage, (services, name) => new EmbeddedGrainStorage(
            MemoryGrainStorageFactory.Create(services, name),
            services.GetRequiredService<Instagram.Grains.Common.LastSiloStopping>(),
            services.GetRequiredService<ILogger<EmbeddedGrainStorage>>()));
        silo.AddMemoryStreams(ProviderNames.Streams, streams => streams.UseInstagramDelivery());
        StoppingStreamNoiseFilter.AddTo(silo.Services);
        silo.UseInMemoryReminderService();
        silo.Services.AddLocalMediaStore();
        silo.AddInMemorySearchIndex();
        silo.Services.TryAddSingleton<IAuthorPostsIndex, GrainAuthorPostsIndex>();
        silo.Services.CacheGrainInterfaceTypes(); // a runtime service replaced, on every silo whatever the profile
        return silo;
    }
}
