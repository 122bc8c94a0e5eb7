using Instagram.Grains.Common;

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

    // The author may hide their stories from chosen users: the list lives with the stories, so the tray, which asks
    // every followed reel anyway, learns it in the same call.

    /// <summary>What <paramref name="viewerId"/> may see of <see cref="GetActiveAsync"/>: nothing when the author hides their stories from them.</summary>
    [AlwaysInterleave, Alias("GetActiveForAsync")] Task<StoryRef[]> GetActiveForAsync(long viewerId);

    [AlwaysInterleave, Alias("IsHiddenFromAsync")] Task<bool> IsHiddenFromAsync(long viewerId);

    /// <summary>Hides the author's stories from <paramref name="viewerId"/> or shows them again (idempotent); 404 for an unknown user, 422 for the author.</summary>
    [Alias("SetHiddenFromAsync")] Task SetHiddenFromAsync(long viewerId, bool hidden);

    /// <summary>Whom the stories are hidden from, most recently hidden first.</summary>
    [AlwaysInterleave, Alias("GetHiddenFromAsync")] Task<Page<Users.UserSummary>> GetHiddenFromAsync(PageRequest page);
}
