namespace Instagram.Grains.Moderation;

/// <summary>
/// The moderation queues, kept as edge lists (<see cref="Lists.IEdgeListGrain"/>): bounded pages, so neither a busy
/// queue nor a long audit log is one record rewritten on every change.
/// </summary>
public static class ModerationLists
{
    /// <summary>Open report items in the order they were opened (the queue is read oldest first).</summary>
    public static string OpenReports { get; } = Lists.EdgeLists.Key("reports-open", "all");

    /// <summary>Resolved report items in the order they were resolved (read newest first).</summary>
    public static string ResolvedReports { get; } = Lists.EdgeLists.Key("reports-resolved", "all");

    /// <summary>Every admin action, in the order taken (read newest first).</summary>
    public static string Actions { get; } = Lists.EdgeLists.Key("admin-actions", "all");
}
