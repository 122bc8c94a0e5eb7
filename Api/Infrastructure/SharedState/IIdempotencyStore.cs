namespace Instagram.Api.Infrastructure.SharedState;

/// <summary>
/// Remembers the response to a request sent with an Idempotency-Key for 24 hours, so a client that retries
/// after a timeout gets the first answer instead of a second write. Shared through Redis between Api instances.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims the key for a request whose body hashes to <paramref name="fingerprint"/>; returns the stored response
    /// when it was already completed, or a state saying why not, with the fingerprint the key was first used with.
    /// </summary>
    Task<IdempotencyClaim> TryBeginAsync(string key, string fingerprint, TimeSpan lifetime);

    Task CompleteAsync(string key, string fingerprint, string response, TimeSpan lifetime);

    /// <summary>Gives the key back after a failure, so the client may retry.</summary>
    Task AbandonAsync(string key);
}

public enum IdempotencyState
{
    /// <summary>This request owns the key and must do the work.</summary>
    Claimed,

    /// <summary>An earlier request with the key finished; its response is in <see cref="IdempotencyClaim.Response"/>.</summary>
    Completed,

    /// <summary>An earlier request with the key is still running.</summary>
    InProgress,
}

public sealed record IdempotencyClaim(IdempotencyState State, string Fingerprint, string? Response = null);
