namespace Instagram.LoadTest.Systems;

/// <summary>A page of the reels feed: each reel with its video's length, and where the session goes on (null at its end).</summary>
public sealed record ReelsPage(IReadOnlyList<(long ReelId, int DurationMs)> Reels, long? NextCursor);
