using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Instagram.Grains.Abstractions;

namespace Instagram.Silo.Media;

/// <summary>
/// Media in Azure Blob Storage (Azurite locally), one blob per object in the "media" container, so every Api
/// instance and silo sees the same objects. Public URLs stay the Api's own /media/ paths for now.
/// </summary>
public sealed class BlobMediaStore(BlobContainerClient container, IOptions<LocalMediaOptions> options) : IMediaStore
{
    public const string ContainerName = "media";

    private readonly Lazy<Task> _created = new(() => container.CreateIfNotExistsAsync());

    public async Task WriteAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        await _created.Value;
        await container.GetBlobClient(key).UploadAsync(BinaryData.FromBytes(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await container.GetBlobClient(key).OpenReadAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        container.GetBlobClient(key).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    public string PublicUrl(string key) => $"{options.Value.PublicBaseUrl.TrimEnd('/')}/media/{key}";
}
