namespace Instagram.Grains.Moderation;

[GenerateSerializer, Alias("Instagram.Grains.Moderation.ReportState")]
public sealed class ReportState
{
    [Id(0)] public ReportTarget Target { get; set; } = new(ReportTargetType.Post, 0);

    /// <summary>The target's author, or the user reported: whom a suspension applies to, even once the target is gone.</summary>
    [Id(1)] public long OwnerId { get; set; }

    /// <summary>Who reported it: each counts once.</summary>
    [Id(2)] public HashSet<long> Reporters { get; set; } = [];

    /// <summary>Distinct reasons, first come first kept, at most <see cref="ReportItem.MaxReasons"/>.</summary>
    [Id(3)] public List<string> Reasons { get; set; } = [];

    [Id(4)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The item's entry in the open queue; null until it is queued.</summary>
    [Id(5)] public long? QueueSequence { get; set; }

    [Id(6)] public AdminAction? Resolution { get; set; }

    /// <summary>The resolution has reached the audit log and the resolved list, and the item left the open queue.</summary>
    [Id(7)] public bool Settled { get; set; }
}
