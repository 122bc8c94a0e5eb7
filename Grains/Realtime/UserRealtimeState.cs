namespace Instagram.Grains.Realtime;

/// <summary>What a user's registry keeps across activations: who may see their presence, and when they were last active.</summary>
[GenerateSerializer, Alias("Instagram.Grains.Realtime.UserRealtimeState")]
public sealed class UserRealtimeState
{
    [Id(0)] public HashSet<long> Contacts { get; set; } = [];
    [Id(1)] public DateTimeOffset? LastActiveAt { get; set; }
}
