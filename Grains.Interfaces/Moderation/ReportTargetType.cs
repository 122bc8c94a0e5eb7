namespace Instagram.Grains.Moderation;

/// <summary>What a report is about. Stored and sent by name, so the numbers may not change once shipped.</summary>
[GenerateSerializer, Alias("Instagram.Grains.Moderation.ReportTargetType")]
public enum ReportTargetType
{
    Post = 0,
    Comment = 1,
    User = 2,
    Story = 3,

    /// <summary>A direct message, by its id; only the conversation's participants can report it.</summary>
    Message = 4,
}
