namespace Instagram.Grains.Users;

/// <summary>Who may comment on a user's posts besides the user.</summary>
[GenerateSerializer, Alias("Instagram.Grains.Users.CommentPolicy")]
public enum CommentPolicy
{
    Everyone,

    /// <summary>Accepted followers only; a pending request is not enough.</summary>
    Followers,

    Off,
}
