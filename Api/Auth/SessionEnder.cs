namespace Instagram.Api.Auth;

/// <summary>
/// Ends every session of a suspended account at once: the access tokens it already holds stop working here (the
/// revocation list), and its refresh tokens are refused by the session grains, which ask the account.
/// </summary>
public sealed class SessionEnder(ITokenRevocationList revocations, TokenService tokens, TimeProvider time)
{
    public Task EndAllAsync(long userId) => revocations.RevokeUserAsync(userId, time.GetUtcNow(), tokens.RevocationEnd());
}
