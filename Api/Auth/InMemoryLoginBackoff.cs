namespace Instagram.Api.Auth;

/// <summary>The Embedded profile's login backoff: one table in this process, pruned of quiet accounts as it grows.</summary>
public sealed class InMemoryLoginBackoff(IOptions<LoginBackoffOptions> options, TimeProvider time) : ILoginBackoff
{
    private const int PruneAbove = 10_000;

    private readonly Dictionary<string, Attempts> _accounts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ValueTask<LoginTurn> TakeTurnAsync(string account)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_accounts.TryGetValue(account, out var attempts) || attempts.ForgetAt <= now)
            {
                attempts = new Attempts();
            }

            if (attempts.LockedUntil > now)
            {
                return ValueTask.FromResult(LoginTurn.Locked(attempts.LockedUntil - now));
            }

            attempts.Count++;
            attempts.ForgetAt = now + settings.AttemptMemory;
            attempts.LockedUntil = now + settings.LockoutAfter(attempts.Count);
            _accounts[account] = attempts;
            if (_accounts.Count > PruneAbove)
            {
                Prune(now);
            }
        }

        return ValueTask.FromResult(LoginTurn.Granted);
    }

    public Task ResetAsync(string account)
    {
        lock (_gate)
        {
            _accounts.Remove(account);
        }

        return Task.CompletedTask;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (account, attempts) in _accounts)
        {
            if (attempts.ForgetAt <= now)
            {
                _accounts.Remove(account);
            }
        }
    }

    private sealed class Attempts
    {
        public long Count { get; set; }

        public DateTimeOffset ForgetAt { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
}
