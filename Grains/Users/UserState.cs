namespace Instagram.Grains.Users;

[GenerateSerializer, Alias("Instagram.Grains.Users.UserState")]
public sealed class UserState
{
    [Id(0)] public string Username { get; set; } = "";
    [Id(1)] public string Email { get; set; } = "";
    [Id(2)] public string PasswordHash { get; set; } = "";
    [Id(3)] public string FullName { get; set; } = "";
    [Id(4)] public string Bio { get; set; } = "";
    [Id(5)] public string? AvatarUrl { get; set; }
    [Id(6)] public bool IsPrivate { get; set; }
    [Id(7)] public bool IsVerified { get; set; }
    [Id(8)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When an admin suspended the account; null while it is not suspended.</summary>
    [Id(9)] public DateTimeOffset? SuspendedAt { get; set; }

    /// <summary>Sessions started before this (the last suspension) are over, even after the suspension is lifted.</summary>
    [Id(10)] public DateTimeOffset? SessionsEndedAt { get; set; }

    [Id(11)] public CommentPolicy CommentPolicy { get; set; }
}
