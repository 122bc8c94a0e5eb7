namespace Instagram.Silo.Tests.MultiRegion;

/// <summary>
/// A signed-in user's session as the Api sees it: who they are, the region that served the request (where they
/// landed), and the ids of their own writes not yet seen in that region (carried in the session token in production).
/// </summary>
public sealed class UserSession(long userId, int currentRegion)
{
    public long UserId { get; } = userId;

    public int CurrentRegion { get; set; } = currentRegion;

    public HashSet<long> UnconfirmedWrites { get; } = [];
}
