namespace Instagram.Grains.Auth;

internal sealed partial class SessionGrain(
    [PersistentState("session", ProviderNames.GrainStorage)] IPersistentState<SessionState> session,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain
{
    private const int SpentHashesKept = 20;

    public async Task StartAsync(long userId, string refreshTokenHash, DateTimeOffset expiresAt)
    {
        if (session.RecordExists)
        {
            throw DomainException.Conflict("This session already exists.");
        }

        session.State = new SessionState { UserId = userId, RefreshTokenHash = refreshTokenHash, ExpiresAt = expiresAt, StartedAt = time.GetUtcNow() };
        await session.WriteStateAsync();
    }

    public async Task<long?> RotateAsync(string presentedHash, string nextHash, DateTimeOffset nextExpiresAt)
    {
        if (!session.RecordExists || session.State.Revoked || session.State.ExpiresAt <= time.GetUtcNow())
        {
            return null;
        }

        if (session.State.SpentHashes.Contains(presentedHash))
        {
            LogReuse(session.State.UserId, this.GetPrimaryKeyString());
            await RevokeAsync();
            return null;
        }

        if (!string.Equals(session.State.RefreshTokenHash, presentedHash, StringComparison.Ordinal))
        {
            return null;
        }

        // A suspension ends the account's sessions; the account does not list them, so each learns it here.
        bool admitted;
        try
        {
            admitted = await grains.GetGrain<Users.IUserGrain>(session.State.UserId).AdmitSessionAsync(session.State.StartedAt);
        }
        catch (DomainException)
        {
            await RevokeAsync(); // suspended: refused with a 403, and over for good
            throw;
        }

        if (!admitted)
        {
            await RevokeAsync();
            return null;
        }

        session.State.SpentHashes.Add(presentedHash);
        if (session.State.SpentHashes.Count > SpentHashesKept)
        {
            session.State.SpentHashes.RemoveAt(0);
        }

        session.State.RefreshTokenHash = nextHash;
        session.State.ExpiresAt = nextExpiresAt;
        await session.WriteStateAsync();
        return session.State.UserId;
    }

    public async Task RevokeAsync()
    {
        if (session.RecordExists && !session.State.Revoked)
        {
            session.State.Revoked = true;
            await session.WriteStateAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A spent refresh token of user {UserId} was presented again; session {SessionId} revoked")]
    private partial void LogReuse(long userId, string sessionId);
}
