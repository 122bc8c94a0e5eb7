using Azure.Storage.Blobs;
using Instagram.Grains.Abstractions;
using Instagram.Grains.Media;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Instagram.Silo.Media;

public static class MediaStoreExtensions
{
    /// <summary>
    /// Media in a local folder (the Embedded profile, or a Cluster profile without ConnectionStrings:Blobs), plus the
    /// media pipeline the silo's MediaGrain runs on (options, image processor, upload side of the store).
    /// </summary>
    public static IServiceCollection AddLocalMediaStore(this IServiceCollection services)
    {
        services.AddValidatedOptions<LocalMediaOptions, LocalMediaOptionsValidator>(LocalMediaOptions.SectionName);
        services.TryAddSingleton<IMediaStore, LocalMediaStore>();
        services.AddMediaPipeline();
        return services;
    }

    /// <summary>Media in Blob Storage when a blob connection string is configured, else in the local folder.</summary>
    public static IServiceCollection AddMediaStore(this IServiceCollection services, string? blobConnectionString)
    {
        if (blobConnectionString is { Length: > 0 })
        {
            services.TryAddSingleton<IMediaStore>(sp => new BlobMediaStore(
                new BlobContainerClient(blobConnectionString, BlobMediaStore.ContainerName),
                sp.GetRequiredService<IOptions<LocalMediaOptions>>(),
                sp.GetService<TimeProvider>() ?? TimeProvider.System));
        }

        return services.AddLocalMediaStore();
    }
}
