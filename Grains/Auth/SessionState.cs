namespace Instagram.Grains.Auth;

[GenerateSerializer, Alias("Instagram.Grains.Auth.SessionState")]
public sealed class SessionState
{
    [Id(0)] public long UserId { get; set; }
    [Id(1)] public string RefreshTokenHash { get; set; } = "";
    [Id(2)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(3)] public bool Revoked { get; set; }

    /// <summary>Refresh tokens already spent; seeing one again means it was stolen.</summary>
    [Id(4)] public List<string> SpentHashes { get; set; } = [];

    /// <summary>When the session began (sign-in); a suspension ends every session begun before it.</summary>
    [Id(5)] public DateTimeOffset StartedAt { get; set; }
}
