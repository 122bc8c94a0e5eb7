using System.Globalization;
using Instagram.Grains.Moderation;

namespace Instagram.Api.Moderation;

/// <summary>One audit-log entry: what was done to which target (and which report it resolved), by whom, when, why.</summary>
public sealed record AdminActionResponse(
    string Id,
    ModerationAction Action,
    ReportTargetType TargetType,
    string TargetId,
    string? ReportId,
    string By,
    DateTimeOffset At,
    string? Note)
{
    public static AdminActionResponse From(AdminAction action) => new(
        action.Id.ToString(CultureInfo.InvariantCulture), action.Action, action.Target.Type,
        action.Target.Id.ToString(CultureInfo.InvariantCulture), action.ReportId?.ToString(CultureInfo.InvariantCulture),
        action.By.ToString(CultureInfo.InvariantCulture), action.At, action.Note);
}
