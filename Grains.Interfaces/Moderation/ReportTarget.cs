using System.Globalization;

namespace Instagram.Grains.Moderation;

/// <summary>
/// The thing reported: its kind and id. <see cref="Key"/> names the <see cref="IReportTargetGrain"/> that groups its
/// reports. A message is reported by its own id; the report check adds <see cref="ConversationId"/>, where it was found,
/// so a removal goes straight to its conversation.
/// </summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Moderation.ReportTarget")]
public sealed record ReportTarget(
    [property: Id(0)] ReportTargetType Type,
    [property: Id(1)] long Id)
{
    /// <summary>The conversation a reported message sits in; null for every other kind of target.</summary>
    [Id(2)] public long? ConversationId { get; init; }

    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Type.ToString().ToLowerInvariant()}:{Id}");
}
