namespace Instagram.Grains.Discovery;

[GenerateSerializer, Immutable, Alias("Instagram.Grains.Discovery.HashtagUse")]
public readonly record struct HashtagUse(
    [property: Id(0)] string Tag,
    [property: Id(1)] long AccountId,
    [property: Id(2)] DateTimeOffset At);
