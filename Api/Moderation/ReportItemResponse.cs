using System.Globalization;
using System.Text.Json.Serialization;
using Instagram.Grains.Moderation;

namespace Instagram.Api.Moderation;

/// <summary>One queue item: every report of one target, grouped; <c>resolution</c> only on resolved items.</summary>
public sealed record ReportItemResponse(
    string Id,
    ReportTargetType TargetType,
    string TargetId,
    IReadOnlyList<string> Reasons,
    long ReportCount,
    ReportStatus Status,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ResolutionResponse? Resolution)
{
    public static ReportItemResponse From(ReportItem item) => new(
        item.Id.ToString(CultureInfo.InvariantCulture), item.Target.Type, item.Target.Id.ToString(CultureInfo.InvariantCulture),
        item.Reasons, item.ReportCount, item.Status, item.CreatedAt,
        item.Resolution is { } r ? new ResolutionResponse(r.Action, r.By.ToString(CultureInfo.InvariantCulture), r.At, r.Note) : null);
}
