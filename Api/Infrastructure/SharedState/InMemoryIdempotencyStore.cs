using System.Collections.Concurrent;

namespace Instagram.Api.Infrastructure.SharedState;

/// <summary>The Embedded profile's store: one process, so a dictionary with expiry times is enough.</summary>
public sealed class InMemoryIdempotencyStore(TimeProvider time) : IIdempotencyStore
{
    private const string Pending = "";
    private readonly ConcurrentDictionary<string, (string Response, DateTimeOffset ExpiresAt)> _entries = new(StringComparer.Ordinal);

    public Task<IdempotencyClaim> TryBeginAsync(string key, TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        while (true)
        {
            if (_entries.TryGetValue(key, out var existing) && existing.ExpiresAt > now)
            {
                return Task.FromResult(existing.Response == Pending
                    ? new IdempotencyClaim(IdempotencyState.InProgress)
                    : new IdempotencyClaim(IdempotencyState.Completed, existing.Response));
            }

            var fresh = (Pending, now + lifetime);
            if (existing == default ? _entries.TryAdd(key, fresh) : _entries.TryUpdate(key, fresh, existing))
            {
                return Task.FromResult(new IdempotencyClaim(IdempotencyState.Claimed));
            }
        }
    }

    public Task CompleteAsync(string key, string response, TimeSpan lifetime)
    {
        _entries[key] = (response, time.GetUtcNow() + lifetime);
        return Task.CompletedTask;
    }

    public Task AbandonAsync(string key)
    {
        _entries.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
