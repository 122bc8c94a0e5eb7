using Instagram.Grains.Common;

namespace Instagram.Grains.Stories;

/// <summary>One ephemeral story. Every read checks <see cref="StoryDetails.ExpiresAt"/>, so a late reminder never shows an expired story.</summary>
[Alias("Instagram.Grains.Stories.IStoryGrain")]
public interface IStoryGrain : IGrainWithIntegerKey
{
    [Alias("CreateAsync")] Task<StoryDetails> CreateAsync(long authorId, long mediaId);

    /// <summary>The story while it is active, else null.</summary>
    [ReadOnly, Alias("GetAsync")] Task<StoryDetails?> GetAsync();

    /// <summary>Records that <paramref name="viewerId"/> saw it (idempotent); 404 when expired or not visible to them.</summary>
    [ReadOnly, Alias("ViewAsync")] Task ViewAsync(long viewerId);

    /// <summary>Who saw it, newest first: for its author only.</summary>
    [ReadOnly, Alias("GetViewersAsync")] Task<Page<long>> GetViewersAsync(long requestedBy, PageRequest page);

    /// <summary>As <see cref="GetViewersAsync"/>, hydrated: the viewers' summaries, minus anyone blocked either way with the author.</summary>
    [ReadOnly, Alias("GetViewerSummariesAsync")] Task<Page<Users.UserSummary>> GetViewerSummariesAsync(long requestedBy, PageRequest page);

    [Alias("DeleteAsync")] Task DeleteAsync(long requestedBy);

    /// <summary>Removes everything the story left behind: state, media, viewer records. Called by the author's reel.</summary>
    [Alias("PurgeAsync")] Task PurgeAsync();
}
