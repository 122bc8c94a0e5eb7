namespace Instagram.Grains.Auth;

/// <summary>
/// One login session, keyed by session id. It holds the hash of the one refresh token that may be spent next;
/// presenting an older one means the token leaked, so the whole session is revoked.
/// </summary>
[Alias("Instagram.Grains.Auth.ISessionGrain")]
public interface ISessionGrain : IGrainWithStringKey
{
    [Alias("StartAsync")] Task StartAsync(long userId, string refreshTokenHash, DateTimeOffset expiresAt);

    /// <summary>
    /// Spends the presented refresh token and installs the next; returns the user id, or null if refused (also when a
    /// suspension ended the session). A 403 while the account is suspended.
    /// </summary>
    [Alias("RotateAsync")] Task<long?> RotateAsync(string presentedHash, string nextHash, DateTimeOffset nextExpiresAt);

    [Alias("RevokeAsync")] Task RevokeAsync();
}
