using Azure.Storage.Blobs;
using Instagram.Grains.Abstractions;
using Instagram.Grains.Media;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Instagram.Silo.Media;

public static class MediaStoreExtensions
{
    /// <summary>
    /// Media in a local folder (the Embedded profile), plus the
    /// media pipeline the silo's MediaGrain runs on (options, image processor, upload side of the store).
    /// </summary>
    public static IServiceCollection AddLocalMediaStore(this IServiceCollection services)
    {
        services.AddValidatedOptions<LocalMediaOptions, LocalMediaOptionsValidator>(LocalMediaOptions.SectionName);
        services.TryAddSingleton<IMediaStore, LocalMediaStore>();
        services.AddMediaPipeline();
        return services;
    }

    /// <summary>
    /// Media in Blob Storage (the Cluster profile, where <c>ConnectionStrings:Blobs</c> is required: a per-process folder
    /// would split one cluster's media across machines). The value is either a connection string (Azurite, account keys)
    /// or the account's blob endpoint URL, reached with the managed identity (Azure: no shared keys; AZURE_CLIENT_ID picks
    /// the user-assigned identity). With <c>Media:BrowserUploadOrigins</c> set, start-up also lets those origins' browsers
    /// PUT uploads to the blob service (CORS).
    /// </summary>
    public static IServiceCollection AddMediaStore(this IServiceCollection services, string blobConnectionString)
    {
        services.TryAddSingleton<IMediaStore>(sp => new BlobMediaStore(
            ContainerClientFor(blobConnectionString),
            sp.GetRequiredService<IOptions<LocalMediaOptions>>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddHostedService<BrowserUploadCorsSetup>();
        return services.AddLocalMediaStore();
    }

    private static BlobContainerClient ContainerClientFor(string setting) =>
        Uri.TryCreate(setting, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "https" or "http"
            ? new BlobContainerClient(new Uri(endpoint, BlobMediaStore.ContainerName), new Azure.Identity.DefaultAzureCredential())
            : new BlobContainerClient(setting, BlobMediaStore.ContainerName);
}
