using System.Collections.Concurrent;

namespace Instagram.Api.Auth;

public sealed class InMemoryTokenRevocationList(TimeProvider time) : ITokenRevocationList
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, (DateTimeOffset IssuedUpTo, DateTimeOffset Until)> _users = new();

    public Task RevokeAsync(string sessionId, DateTimeOffset until)
    {
        _revoked[sessionId] = until;
        Sweep();
        return Task.CompletedTask;
    }

    public Task RevokeUserAsync(long userId, DateTimeOffset issuedUpTo, DateTimeOffset until)
    {
        _users[userId] = (issuedUpTo, until);
        Sweep();
        return Task.CompletedTask;
    }

    // Entries are only needed until the last access token they cover would have expired anyway.
    private void Sweep()
    {
        var now = time.GetUtcNow();
        RemoveExpired(_revoked, until => until, now);
        RemoveExpired(_users, entry => entry.Until, now);
    }

    private static void RemoveExpired<TKey, TValue>(ConcurrentDictionary<TKey, TValue> entries, Func<TValue, DateTimeOffset> until, DateTimeOffset now)
        where TKey : notnull
    {
        foreach (var (key, value) in entries)
        {
            if (until(value) < now)
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    public ValueTask<bool> IsRevokedAsync(string sessionId, long userId, DateTimeOffset issuedAt)
    {
        var now = time.GetUtcNow();
        return ValueTask.FromResult((_revoked.TryGetValue(sessionId, out var until) && until >= now)
            || (_users.TryGetValue(userId, out var user) && user.Until >= now && issuedAt <= user.IssuedUpTo));
    }
}
