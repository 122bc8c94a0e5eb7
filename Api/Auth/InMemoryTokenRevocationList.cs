using System.Collections.Concurrent;

namespace Instagram.Api.Auth;

public sealed class InMemoryTokenRevocationList(TimeProvider time) : ITokenRevocationList
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);

    public Task RevokeAsync(string sessionId, DateTimeOffset until)
    {
        _revoked[sessionId] = until;
        // Entries are only needed until the last access token of the session would have expired anyway.
        var now = time.GetUtcNow();
        foreach (var (id, expiry) in _revoked)
        {
            if (expiry < now)
            {
                _revoked.TryRemove(id, out _);
            }
        }

        return Task.CompletedTask;
    }

    public ValueTask<bool> IsRevokedAsync(string sessionId) =>
        ValueTask.FromResult(_revoked.TryGetValue(sessionId, out var until) && until >= time.GetUtcNow());
}
