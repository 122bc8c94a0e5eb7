namespace Instagram.Grains.Moderation;

[GenerateSerializer, Alias("Instagram.Grains.Moderation.ReportStatus")]
public enum ReportStatus
{
    Open = 0,
    Resolved = 1,
}
