namespace Instagram.Grains.Affinity;

/// <summary>How much one viewer interacts with each author (likes, comments, story views, long reel watches): ranks the story tray and the feed.</summary>
[Alias("Instagram.Grains.Affinity.IAffinityGrain")]
public interface IAffinityGrain : IGrainWithIntegerKey
{
    /// <summary>Fire and forget: an interaction must never slow down or fail the action that caused it.</summary>
    [OneWay, Alias("RecordAsync")] Task RecordAsync(long authorId, Interaction interaction, string[] hashtags);

    [AlwaysInterleave, Alias("GetScoresAsync")] Task<double[]> GetScoresAsync(long[] authorIds);

    /// <summary>How much the viewer engages with each hashtag (from the posts they liked and commented on).</summary>
    [AlwaysInterleave, Alias("GetTagScoresAsync")] Task<double[]> GetTagScoresAsync(string[] hashtags);
}

[GenerateSerializer, Alias("Instagram.Grains.Affinity.Interaction")]
public enum Interaction
{
    StoryView,
    Like,
    Comment,

    /// <summary>A reel watched for at least half its length (once per viewer and reel).</summary>
    ReelWatch,
}
