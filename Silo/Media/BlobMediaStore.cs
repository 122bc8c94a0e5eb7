using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using Instagram.Grains.Abstractions;
using Instagram.Grains.Media;

namespace Instagram.Silo.Media;

/// <summary>
/// Media in Azure Blob Storage (Azurite locally), one blob per object in the private "media" container, so every Api
/// instance and silo sees the same objects. Clients upload straight to the container with a SAS URL for one blob
/// (create/write only, minutes long); the Api serves the variants under its own /media/{id}/{token}/ paths (put a CDN
/// in front). Chunks are blocks: a client stages them through the SAS URL (Put Block, Put Block List), the Api route
/// through <see cref="StageChunkAsync"/> and <see cref="CommitChunksAsync"/>.
/// </summary>
public sealed class BlobMediaStore(BlobContainerClient container, IOptions<LocalMediaOptions> options, TimeProvider time) : IMediaStore, IMediaUploadStore
{
    public const string ContainerName = "media";

    /// <summary>Allowance for clock skew between this process and the storage service.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly Lazy<Task> _created = new(() => container.CreateIfNotExistsAsync()); // private: no anonymous access
    private readonly SemaphoreSlim _delegationKeyLock = new(1, 1);
    private UserDelegationKey? _delegationKey;

    public BlobMediaStore(BlobContainerClient container, IOptions<LocalMediaOptions> options) : this(container, options, TimeProvider.System)
    {
    }

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

    /// <summary>Where browsers send direct uploads: the account's blob endpoint (its origin goes into the web client's CSP).</summary>
    public Uri Endpoint => container.Uri;

    /// <summary>
    /// Adds the blob service's CORS rule for <c>Media:BrowserUploadOrigins</c> (see <see cref="BrowserUploadCors"/>);
    /// false when none are configured or the rule is already there.
    /// </summary>
    public async Task<bool> AllowBrowserUploadsAsync(CancellationToken cancellationToken) =>
        options.Value.BrowserUploadOrigins.Length > 0
        && await BrowserUploadCors.ApplyAsync(container.GetParentBlobServiceClient(), BrowserUploadCors.RuleFor(options.Value.BrowserUploadOrigins), cancellationToken);

    public string PublicUrl(string key) => $"{options.Value.PublicBaseUrl.TrimEnd('/')}/media/{key}";

    /// <summary>
    /// A SAS URL for the one blob <paramref name="key"/> with only Create and Write permissions: the holder can PUT
    /// the blob (or stage blocks and commit them) until <paramref name="expiresAt"/>, and can neither read, list,
    /// delete nor touch another blob. With an account key (connection string, Azurite) it is a service SAS; with
    /// a token credential (managed identity on Azure) a user-delegation SAS.
    /// </summary>
    public async Task<Uri?> CreateDirectUploadUrlAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await _created.Value;
        var blob = container.GetBlobClient(key);
        var sas = new BlobSasBuilder(BlobSasPermissions.Create | BlobSasPermissions.Write, expiresAt)
        {
            BlobContainerName = container.Name,
            BlobName = key,
            Resource = "b",
            StartsOn = time.GetUtcNow() - ClockSkew,
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(sas);
        }

        // Managed identity: no account key to sign with. Sign with a user delegation key instead (the identity needs
        // "Storage Blob Delegator" on the account and "Storage Blob Data Contributor" on the container); one key
        // serves many SAS URLs, so it is cached until shortly before it expires.
        var delegationKey = await UserDelegationKeyAsync(expiresAt, cancellationToken);
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(delegationKey, container.AccountName) }.ToUri();
    }

    public async Task StageChunkAsync(string key, int index, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await _created.Value;
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        await container.GetBlockBlobClient(key).StageBlockAsync(BlockId(index), stream, cancellationToken: cancellationToken);
    }

    public async Task CommitChunksAsync(string key, int count, string contentType, CancellationToken cancellationToken) =>
        await container.GetBlockBlobClient(key).CommitBlockListAsync(Enumerable.Range(0, count).Select(BlockId),
            new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);

    public async Task<long?> GetLengthAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return (await container.GetBlobClient(key).GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // not committed yet (uncommitted blocks do not make a blob)
        }
    }

    /// <summary>
    /// Deletes the blob and any uncommitted blocks: committing an empty block list discards uncommitted blocks at
    /// once (Blob Storage would otherwise keep them for a week), then the empty blob is deleted.
    /// </summary>
    public async Task DiscardAsync(string key, CancellationToken cancellationToken)
    {
        var blob = container.GetBlockBlobClient(key);
        try
        {
            await blob.CommitBlockListAsync([], cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 409)
        {
            // No container yet, or a lease: nothing staged we could discard this way.
        }

        await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    // Block ids must be Base64 and of one length within a blob.
    private static string BlockId(int index) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"chunk-{index:D6}"));

    private async Task<UserDelegationKey> UserDelegationKeyAsync(DateTimeOffset neededUntil, CancellationToken cancellationToken)
    {
        await _delegationKeyLock.WaitAsync(cancellationToken);
        try
        {
            if (_delegationKey is null || _delegationKey.SignedExpiresOn < neededUntil)
            {
                var service = container.GetParentBlobServiceClient();
                var now = time.GetUtcNow();
                _delegationKey = (await service.GetUserDelegationKeyAsync(now - ClockSkew, Max(neededUntil, now + TimeSpan.FromHours(1)) + ClockSkew, cancellationToken)).Value;
            }

            return _delegationKey;
        }
        finally
        {
            _delegationKeyLock.Release();
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
