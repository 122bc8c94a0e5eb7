namespace Instagram.Grains.Moderation;

/// <summary>
/// One user's recent follows and comments (key = user id), counted for the bot-speed limits. One activation in the
/// cluster holds them, so every Api instance counts against the same numbers. The limits themselves are the Api's
/// configuration and travel with each call.
/// </summary>
[Alias("Instagram.Grains.Moderation.IVelocityGrain")]
public interface IVelocityGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Admits and counts a follow of <paramref name="targetId"/>, unless <paramref name="max"/> other users were followed
    /// within <paramref name="window"/>: then nothing is counted and the answer is how long until the oldest leaves the
    /// window. A repeated follow of the same user inside the window is admitted and counted once.
    /// </summary>
    [Alias("TryAdmitFollowAsync")] Task<TimeSpan?> TryAdmitFollowAsync(long targetId, int max, TimeSpan window);

    /// <summary>On how many posts other than <paramref name="postId"/> a comment with <paramref name="textKey"/> was posted within <paramref name="window"/>.</summary>
    [Alias("CountRepeatsAsync")] Task<int> CountRepeatsAsync(string textKey, long postId, TimeSpan window);

    /// <summary>Counts a comment that was posted (after it was, so a refused or failed one never counts).</summary>
    [Alias("RecordCommentAsync")] Task RecordCommentAsync(string textKey, long postId, TimeSpan window);
}
