using Azure.Storage.Blobs;
using Instagram.Grains.Abstractions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Instagram.Silo.Media;

public static class MediaStoreExtensions
{
    /// <summary>Media in a local folder (the Embedded profile, or a Cluster profile without ConnectionStrings:Blobs).</summary>
    public static IServiceCollection AddLocalMediaStore(this IServiceCollection services)
    {
        services.AddValidatedOptions<LocalMediaOptions, LocalMediaOptionsValidator>(LocalMediaOptions.SectionName);
        services.TryAddSingleton<IMediaStore, LocalMediaStore>();
        return services;
    }

    /// <summary>Media in Blob Storage when a blob connection string is configured, else in the local folder.</summary>
    public static IServiceCollection AddMediaStore(this IServiceCollection services, string? blobConnectionString)
    {
        if (blobConnectionString is { Length: > 0 })
        {
            services.TryAddSingleton<IMediaStore>(sp => new BlobMediaStore(
                new BlobContainerClient(blobConnectionString, BlobMediaStore.ContainerName),
                sp.GetRequiredService<IOptions<LocalMediaOptions>>()));
        }

        return services.AddLocalMediaStore();
    }
}
