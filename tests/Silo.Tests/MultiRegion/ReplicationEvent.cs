namespace Instagram.Silo.Tests.MultiRegion;

public enum ReplicationKind
{
    PostPublished,
    Follow,
}

/// <summary>
/// One change leaving its home region: a post (id, author, caption) or a follow (follower → followee). Ids are global,
/// so applying it elsewhere writes the same post or edge, and applying it twice is harmless.
/// </summary>
public sealed record ReplicationEvent(ReplicationKind Kind, long Id, long OtherId, string Caption, DateTimeOffset OccurredAt);
