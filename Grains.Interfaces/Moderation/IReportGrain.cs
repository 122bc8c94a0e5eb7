namespace Instagram.Grains.Moderation;

/// <summary>One queue item (keyed by report id): the grouped reports of one target while open, then its resolution.</summary>
[Alias("Instagram.Grains.Moderation.IReportGrain")]
public interface IReportGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Adds a reporter's report. Opens the item (and queues it) on the first; a reporter already counted changes
    /// nothing. False when the item is resolved: the caller opens a new one.
    /// </summary>
    [Alias("AddAsync")] Task<bool> AddAsync(ReportTarget target, long ownerId, long reporterId, string reason);

    /// <summary>The item, or null when no report opened it.</summary>
    [AlwaysInterleave, Alias("GetAsync")] Task<ReportItem?> GetAsync();

    /// <summary>
    /// Takes <paramref name="action"/> (dismiss, remove or suspend) on the target, records it in the audit log and closes
    /// the item: 404 for an unknown item, 409 when it is resolved already.
    /// </summary>
    [Alias("ResolveAsync")] Task<ReportItem> ResolveAsync(ModerationAction action, long adminId, string? note);
}
