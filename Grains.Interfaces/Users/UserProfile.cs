namespace Instagram.Grains.Users;

/// <summary>A profile header as one viewer sees it. <see cref="CommentPolicy"/> is the owner's setting, shown to the owner only.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Users.UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] UserSummary User,
    [property: Id(1)] string Bio,
    [property: Id(2)] long FollowerCount,
    [property: Id(3)] long FollowingCount,
    [property: Id(4)] long PostCount,
    [property: Id(5)] bool IsFollowing,
    [property: Id(6)] bool FollowRequested,
    [property: Id(7)] CommentPolicy? CommentPolicy = null);
