namespace Instagram.Grains.Abstractions;

/// <summary>
/// Where media bytes live: a local folder in the Embedded profile, Blob Storage in the Cluster profile. Keys are
/// "{mediaId}/{file}" (variants "{mediaId}/{token}/{variant}.webp", see MediaKeys); an object, once written, never
/// changes, so its URL can be cached forever.
/// </summary>
public interface IMediaStore
{
    Task WriteAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>The object's bytes, or null when it does not exist.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>The stable URL clients use to fetch the object.</summary>
    string PublicUrl(string key);
}
