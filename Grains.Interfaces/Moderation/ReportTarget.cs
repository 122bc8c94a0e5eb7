using System.Globalization;

namespace Instagram.Grains.Moderation;

/// <summary>The thing reported: its kind and id. <see cref="Key"/> names the <see cref="IReportTargetGrain"/> that groups its reports.</summary>
[GenerateSerializer, Immutable, Alias("Instagram.Grains.Moderation.ReportTarget")]
public sealed record ReportTarget(
    [property: Id(0)] ReportTargetType Type,
    [property: Id(1)] long Id)
{
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Type.ToString().ToLowerInvariant()}:{Id}");
}
