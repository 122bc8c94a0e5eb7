namespace Instagram.Grains.Stories;

/// <summary>
/// One author's active stories and the one reminder that expires them: due at the earliest expiry, it purges every
/// due story and re-arms for the next (not one reminder per story: a million reminders loaded at silo start is a
/// known Orleans trap, orleans#9586). The reminder's period is the reconciliation sweep that catches a missed firing.
/// </summary>
[Alias("Instagram.Grains.Stories.IStoryReelGrain")]
public interface IStoryReelGrain : IGrainWithIntegerKey
{
    [Alias("AddAsync")] Task AddAsync(StoryRef story);

    /// <summary>One-way: a story deleting itself must never wait on a reel that may be purging it.</summary>
    [OneWay, Alias("RemoveAsync")] Task RemoveAsync(long storyId);

    /// <summary>Stories not yet expired, oldest first.</summary>
    [AlwaysInterleave, Alias("GetActiveAsync")] Task<StoryRef[]> GetActiveAsync();
}
