using System.Collections.Concurrent;

namespace Instagram.Api.Infrastructure.SharedState;

/// <summary>
/// The Embedded profile's store: one process, so a dictionary with expiry times is enough. Expired records are swept
/// whenever the table has grown by <see cref="SweepEvery"/> records since the last sweep, so it never outgrows what the
/// last 24 hours wrote.
/// </summary>
public sealed class InMemoryIdempotencyStore(TimeProvider time) : IIdempotencyStore
{
    private const int SweepEvery = 1_000;
    private readonly ConcurrentDictionary<string, IdempotencyRecord> _entries = new(StringComparer.Ordinal);
    private int _addedSinceSweep;

    /// <summary>Records held now (expired ones included until the next sweep).</summary>
    public int Count => _entries.Count;

    public Task<IdempotencyClaim> TryBeginAsync(string key, string fingerprint, TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        while (true)
        {
            if (_entries.TryGetValue(key, out var existing) && existing.ExpiresAt > now)
            {
                return Task.FromResult(existing.Response is null
                    ? new IdempotencyClaim(IdempotencyState.InProgress, existing.Fingerprint)
                    : new IdempotencyClaim(IdempotencyState.Completed, existing.Fingerprint, existing.Response));
            }

            var fresh = new IdempotencyRecord(fingerprint, null, now + lifetime);
            if (existing is null ? _entries.TryAdd(key, fresh) : _entries.TryUpdate(key, fresh, existing))
            {
                if (Interlocked.Increment(ref _addedSinceSweep) >= SweepEvery)
                {
                    Sweep(now);
                }

                return Task.FromResult(new IdempotencyClaim(IdempotencyState.Claimed, fingerprint));
            }
        }
    }

    public Task CompleteAsync(string key, string fingerprint, string response, TimeSpan lifetime)
    {
        _entries[key] = new IdempotencyRecord(fingerprint, response, time.GetUtcNow() + lifetime);
        return Task.CompletedTask;
    }

    public Task AbandonAsync(string key)
    {
        _entries.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    private void Sweep(DateTimeOffset now)
    {
        Interlocked.Exchange(ref _addedSinceSweep, 0);
        foreach (var (key, record) in _entries)
        {
            if (record.ExpiresAt <= now)
            {
                _entries.TryRemove(new KeyValuePair<string, IdempotencyRecord>(key, record));
            }
        }
    }

    private sealed record IdempotencyRecord(string Fingerprint, string? Response, DateTimeOffset ExpiresAt);
}
