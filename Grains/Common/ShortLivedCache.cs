namespace Instagram.Grains.Common;

/// <summary>
/// Holds one value for a short time and makes concurrent callers share a single refresh, so a burst of readers
/// costs one call to the source (request coalescing, seed 003).
/// </summary>
public sealed class ShortLivedCache<T>(Func<Task<T>> load, TimeSpan lifetime, TimeProvider time)
{
    private Task<T>? _current;
    private DateTimeOffset _loadedAt;

    public Task<T> GetAsync()
    {
        var now = time.GetUtcNow();
        if (_current is null || _current.IsFaulted || now - _loadedAt >= lifetime)
        {
            _loadedAt = now;
            _current = load();
        }

        return _current;
    }
}
