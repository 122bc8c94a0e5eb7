using Instagram.Grains.Abstractions;

namespace Instagram.Silo.Media;

/// <summary>Media in a local folder, one file per object; the Api serves them under /media/.</summary>
public sealed class LocalMediaStore(IOptions<LocalMediaOptions> options) : IMediaStore
{
    private readonly string _root = Path.GetFullPath(options.Value.LocalPath);

    public async Task WriteAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write aside, then move: a reader never sees a half-written object.
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temp, content.ToArray(), cancellationToken);
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
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public string PublicUrl(string key) => $"{options.Value.PublicBaseUrl.TrimEnd('/')}/media/{key}";

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException("A media key must stay inside the media folder.", nameof(key));
    }
}
