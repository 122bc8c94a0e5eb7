using System.Globalization;
using Instagram.Grains.Abstractions;
using Instagram.Grains.Media;

namespace Instagram.Silo.Media;

/// <summary>
/// Media in a local folder, one file per object; the Api serves the variants under /media/{id}/{token}/. Chunks of an
/// upload are staged as files beside it ("{key}.chunks/000000", ...) and concatenated on commit. There are no direct
/// upload URLs: uploads come through the Api.
/// </summary>
public sealed class LocalMediaStore(IOptions<LocalMediaOptions> options) : IMediaStore, IMediaUploadStore
{
    private readonly string _root = Path.GetFullPath(options.Value.LocalPath);

    public async Task WriteAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write aside, then move: a reader never sees a half-written object.
        var temp = TempPathFor(path);
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            await file.WriteAsync(content, cancellationToken);
        }

        File.Move(temp, path, overwrite: true);
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream?>(File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true)
            : null);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        RemoveFolderIfEmpty(Path.GetDirectoryName(path)!);
        return Task.CompletedTask;
    }

    public string PublicUrl(string key) => $"{options.Value.PublicBaseUrl.TrimEnd('/')}/media/{key}";

    public Task<Uri?> CreateDirectUploadUrlAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Task.FromResult<Uri?>(null);

    public async Task StageChunkAsync(string key, int index, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var folder = ChunkFolderOf(key);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, ChunkName(index));
        var temp = TempPathFor(path);
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            await file.WriteAsync(content, cancellationToken);
        }

        File.Move(temp, path, overwrite: true); // a retried chunk replaces the earlier copy
    }

    public async Task CommitChunksAsync(string key, int count, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        var folder = ChunkFolderOf(key);
        var temp = TempPathFor(path);
        await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            for (var index = 0; index < count; index++)
            {
                await using var chunk = new FileStream(Path.Combine(folder, ChunkName(index)), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
                await chunk.CopyToAsync(output, cancellationToken);
            }
        }

        File.Move(temp, path, overwrite: true);
        Directory.Delete(folder, recursive: true);
    }

    public Task<long?> GetLengthAsync(string key, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(key));
        return Task.FromResult<long?>(file.Exists ? file.Length : null);
    }

    public Task DiscardAsync(string key, CancellationToken cancellationToken)
    {
        var folder = ChunkFolderOf(key);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return DeleteAsync(key, cancellationToken);
    }

    private string ChunkFolderOf(string key) => PathOf(key + ".chunks");

    private static string ChunkName(int index) => index.ToString("D6", CultureInfo.InvariantCulture);

    private static string TempPathFor(string path) => path + "." + Guid.NewGuid().ToString("N") + ".tmp";

    // Walks up to the root: variants sit one folder deeper ("{id}/{token}/"), and the item's folder should go with them.
    private void RemoveFolderIfEmpty(string folder)
    {
        try
        {
            while (folder.Length > _root.Length && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
                folder = Path.GetDirectoryName(folder)!;
            }
        }
        catch (IOException)
        {
            // Something was written there meanwhile: the folder is in use, leave it.
        }
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException("A media key must stay inside the media folder.", nameof(key));
    }
}
