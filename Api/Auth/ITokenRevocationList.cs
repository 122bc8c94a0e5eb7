namespace Instagram.Api.Auth;

/// <summary>
/// Access tokens that must stop working before they expire: a logged-out session's, and every token of a suspended
/// account issued up to its suspension. In-process in the Embedded profile; shared through Redis when several Api
/// instances run.
/// </summary>
public interface ITokenRevocationList
{
    Task RevokeAsync(string sessionId, DateTimeOffset until);

    /// <summary>Every access token of <paramref name="userId"/> issued at or before <paramref name="issuedUpTo"/> stops working (kept until <paramref name="until"/>).</summary>
    Task RevokeUserAsync(long userId, DateTimeOffset issuedUpTo, DateTimeOffset until);

    /// <summary>Whether a token of this session and user, issued at <paramref name="issuedAt"/>, was revoked; one lookup either way.</summary>
    ValueTask<bool> IsRevokedAsync(string sessionId, long userId, DateTimeOffset issuedAt);
}
