namespace Instagram.Grains.Moderation;

/// <summary>
/// Kept in memory only: the counts cover a window of an hour or so, and the activation is kept alive while it holds
/// any (<see cref="Grain.DelayDeactivation"/>), so it is not collected mid-window. A silo failure forgets them, which
/// lets a bot start its hour afresh once; a storage write on every follow and comment would cost more than that.
/// </summary>
internal sealed class VelocityGrain(TimeProvider time) : Grain, IVelocityGrain
{
    private readonly List<(long TargetId, DateTimeOffset At)> _follows = [];
    private readonly List<(string TextKey, long PostId, DateTimeOffset At)> _comments = [];

    public Task<TimeSpan?> TryAdmitFollowAsync(long targetId, int max, TimeSpan window)
    {
        var now = time.GetUtcNow();
        _follows.RemoveAll(f => f.At <= now - window);
        if (_follows.Exists(f => f.TargetId == targetId))
        {
            return Task.FromResult<TimeSpan?>(null);
        }

        if (_follows.Count >= max)
        {
            return Task.FromResult<TimeSpan?>(_follows.Min(f => f.At) + window - now);
        }

        _follows.Add((targetId, now));
        DelayDeactivation(window);
        return Task.FromResult<TimeSpan?>(null);
    }

    public Task<int> CountRepeatsAsync(string textKey, long postId, TimeSpan window)
    {
        var now = time.GetUtcNow();
        _comments.RemoveAll(c => c.At <= now - window);
        return Task.FromResult(_comments.Where(c => c.TextKey == textKey && c.PostId != postId).Select(c => c.PostId).Distinct().Count());
    }

    public Task RecordCommentAsync(string textKey, long postId, TimeSpan window)
    {
        _comments.Add((textKey, postId, time.GetUtcNow()));
        DelayDeactivation(window);
        return Task.CompletedTask;
    }
}
