namespace Instagram.Grains.Media;

/// <summary>
/// What the upload pipeline needs from the media store beyond reading and writing whole objects: direct upload URLs,
/// staged chunks, and a cheap "is it there yet, how big" look. The local folder and Blob Storage both implement it.
/// </summary>
public interface IMediaUploadStore
{
    /// <summary>
    /// A short-lived URL that lets its holder create or overwrite exactly the object <paramref name="key"/> and do
    /// nothing else (no read, no list, no other object), or null when this store takes uploads only through the Api.
    /// </summary>
    Task<Uri?> CreateDirectUploadUrlAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Stages chunk <paramref name="index"/> of <paramref name="key"/>; staging the same index again replaces it.</summary>
    Task StageChunkAsync(string key, int index, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Makes chunks 0..count-1, in index order, the content of <paramref name="key"/>.</summary>
    Task CommitChunksAsync(string key, int count, string contentType, CancellationToken cancellationToken);

    /// <summary>The size of the committed object, or null when there is none (staged chunks do not count).</summary>
    Task<long?> GetLengthAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the object and everything staged for it (chunks, uncommitted blocks).</summary>
    Task DiscardAsync(string key, CancellationToken cancellationToken);
}
