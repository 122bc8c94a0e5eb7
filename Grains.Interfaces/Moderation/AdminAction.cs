namespace Instagram.Grains.Moderation;

/// <summary>One entry of the audit log: who did what to which target, when and why.</summary>
/// <param name="ReportId">The report this action resolved; null for a suspension set or lifted directly.</param>
/// <param name="AffectedUserId">The account the action suspended or restored, if any (its sessions must end).</param>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Moderation.AdminAction")]
public sealed record AdminAction(
    [property: Id(0)] long Id,
    [property: Id(1)] ModerationAction Action,
    [property: Id(2)] ReportTarget Target,
    [property: Id(3)] long? ReportId,
    [property: Id(4)] long By,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] string? Note,
    [property: Id(7)] long? AffectedUserId);
