namespace Instagram.Grains.Affinity;

[GenerateSerializer, Alias("Instagram.Grains.Affinity.AffinityState")]
public sealed class AffinityState
{
    /// <summary>Author → interaction score.</summary>
    [Id(0)] public Dictionary<long, double> Scores { get; set; } = [];

    /// <summary>Hashtag → interaction score.</summary>
    [Id(1)] public Dictionary<string, double> TagScores { get; set; } = [];
}
