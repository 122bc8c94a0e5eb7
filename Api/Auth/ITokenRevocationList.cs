namespace Instagram.Api.Auth;

/// <summary>
/// Sessions logged out before their access tokens expire. In-process in the Embedded profile; shared through
/// Redis when several Api instances run.
/// </summary>
public interface ITokenRevocationList
{
    Task RevokeAsync(string sessionId, DateTimeOffset until);

    ValueTask<bool> IsRevokedAsync(string sessionId);
}
