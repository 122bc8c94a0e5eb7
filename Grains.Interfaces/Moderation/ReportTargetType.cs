namespace Instagram.Grains.Moderation;

/// <summary>What a report is about. Stored and sent by name, so the numbers may not change once shipped.</summary>
[GenerateSerializer, Alias("Instagram.Grains.Moderation.ReportTargetType")]
public enum ReportTargetType
{
    Post = 0,
    Comment = 1,
    User = 2,
    Story = 3,

    /// <summary>Accepted by the contract; refused (422) until direct messages can be checked here.</summary>
    Message = 4,
}
