using System.Collections.Concurrent;

namespace Instagram.Grains.Common;

/// <summary>
/// A read-through cache shared by every grain of one silo: values live for a short time, concurrent misses for
/// the same key share one load (request coalescing), and the silo that changes a value evicts it at once. Other
/// silos see a change when their copy expires, so the lifetime is the bound on cross-silo staleness. A lifetime
/// of zero turns the cache off. Size is bounded: past the capacity, expired entries are swept, then everything.
/// </summary>
public sealed class SiloCache<TKey, TValue>(string name, TimeSpan lifetime, int capacity, TimeProvider time)
    where TKey : notnull
{
    private static readonly KeyValuePair<string, object?> Hit = new("result", "hit");
    private static readonly KeyValuePair<string, object?> Miss = new("result", "miss");

    private readonly KeyValuePair<string, object?> _cacheTag = new("cache", name);
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly long _lifetimeTicks = (long)(lifetime.TotalSeconds * time.TimestampFrequency);
    private int _sweeping;

    public bool Enabled => _lifetimeTicks > 0;

    public int Count => _entries.Count;

    public Task<TValue> GetAsync(TKey key, Func<TKey, Task<TValue>> load)
    {
        if (!Enabled)
        {
            return load(key);
        }

        var now = time.GetTimestamp();
        if (_entries.TryGetValue(key, out var entry) && now - entry.LoadedAt < _lifetimeTicks && !entry.Value.IsFaulted && !entry.Value.IsCanceled)
        {
            CacheMetrics.Lookups.Add(1, _cacheTag, Hit);
            return entry.Value;
        }

        CacheMetrics.Lookups.Add(1, _cacheTag, Miss);
        var loading = load(key);
        _entries[key] = new Entry(loading, now);
        if (_entries.Count > capacity)
        {
            Sweep(now);
        }

        return loading;
    }

    public void Evict(TKey key) => _entries.TryRemove(key, out _);

    private void Sweep(long now)
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var (key, entry) in _entries)
            {
                if (now - entry.LoadedAt >= _lifetimeTicks)
                {
                    _entries.TryRemove(key, out _);
                }
            }

            if (_entries.Count > capacity)
            {
                _entries.Clear(); // everything is fresh and still too much: start over rather than grow
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private readonly record struct Entry(Task<TValue> Value, long LoadedAt);
}
