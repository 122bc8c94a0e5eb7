namespace Instagram.Grains.Moderation;

[GenerateSerializer, Alias("Instagram.Grains.Moderation.MutedWordsState")]
public sealed class MutedWordsState
{
    /// <summary>Normalised entries (<see cref="MutedWords.Parse"/>), in the order given.</summary>
    [Id(0)] public string[] Words { get; set; } = [];
}
