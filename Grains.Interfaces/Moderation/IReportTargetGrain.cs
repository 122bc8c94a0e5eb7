namespace Instagram.Grains.Moderation;

/// <summary>
/// Groups the reports of one target (keyed by <see cref="ReportTarget.Key"/>): it knows the target's open item, if
/// any, and opens a new one when there is none. One activation per target, so two first reports cannot open two items.
/// </summary>
[Alias("Instagram.Grains.Moderation.IReportTargetGrain")]
public interface IReportTargetGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds the report to the target's open item (opening one if needed) and returns that item's id.
    /// <paramref name="ownerId"/> is the target's author (or the user), kept for a suspension.
    /// </summary>
    [Alias("FileAsync")] Task<long> FileAsync(ReportTarget target, long ownerId, long reporterId, string reason);
}
