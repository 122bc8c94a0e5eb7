namespace Instagram.Grains.Stories;

/// <summary>Which stories one viewer has seen. The write-heavy part of stories, so it writes behind in batches.</summary>
[Alias("Instagram.Grains.Stories.IStorySeenGrain")]
public interface IStorySeenGrain : IGrainWithIntegerKey
{
    /// <summary>True when this is the first time the viewer sees the story.</summary>
    [Alias("MarkSeenAsync")] Task<bool> MarkSeenAsync(long storyId, DateTimeOffset expiresAt);

    [AlwaysInterleave, Alias("HaveSeenAsync")] Task<bool[]> HaveSeenAsync(long[] storyIds);
}
