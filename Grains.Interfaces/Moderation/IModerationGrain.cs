using Instagram.Grains.Common;

namespace Instagram.Grains.Moderation;

/// <summary>
/// The moderation front door (a stateless worker, key 0): filing reports, the admin queue and audit log as pages, and
/// suspensions set or lifted directly. Who may call the admin methods is the Api's business (the admin role).
/// </summary>
[Alias("Instagram.Grains.Moderation.IModerationGrain")]
public interface IModerationGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Files a report: 404 when the target does not exist or the reporter may not see it (a message: unless they take
    /// part in its conversation), 422 for one's own account or content. Returns the id of the target's open item.
    /// </summary>
    [Alias("FileReportAsync")] Task<long> FileReportAsync(long reporterId, ReportTarget target, string reason);

    /// <summary>Open items oldest first, or resolved items most recently resolved first.</summary>
    [Alias("GetReportsAsync")] Task<Page<ReportItem>> GetReportsAsync(ReportStatus status, PageRequest page);

    /// <summary>The audit log, newest first.</summary>
    [Alias("GetActionsAsync")] Task<Page<AdminAction>> GetActionsAsync(PageRequest page);

    /// <summary>Suspends an account: 404 unknown, 422 one's own, 409 when it is suspended already.</summary>
    [Alias("SuspendAsync")] Task<AdminAction> SuspendAsync(long userId, long adminId, string? note);

    /// <summary>Lifts a suspension: 404 unknown, 409 when the account is not suspended.</summary>
    [Alias("LiftSuspensionAsync")] Task<AdminAction> LiftSuspensionAsync(long userId, long adminId, string? note);
}
