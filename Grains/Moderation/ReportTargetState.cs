namespace Instagram.Grains.Moderation;

[GenerateSerializer, Alias("Instagram.Grains.Moderation.ReportTargetState")]
public sealed class ReportTargetState
{
    /// <summary>The target's open queue item; it may have been resolved since (the item says so when asked).</summary>
    [Id(0)] public long? OpenReportId { get; set; }
}
