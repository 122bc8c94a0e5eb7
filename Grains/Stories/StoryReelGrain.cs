using Instagram.Grains.Users;

namespace Instagram.Grains.Stories;

internal sealed partial class StoryReelGrain(
    [PersistentState("reel", ProviderNames.GrainStorage)] IPersistentState<StoryReelState> reel,
    IGrainFactory grains,
    IOptions<StoriesOptions> options,
    TimeProvider time,
    ILogger<StoryReelGrain> logger) : Grain, IStoryReelGrain, IRemindable
{
    public const string ReminderName = "expire-stories";

    // The list travels with the reel's state on every write: bounded, like any grain state.
    public const int MaxHiddenFrom = 10_000;

    private long AuthorId => this.GetPrimaryKeyLong();

    public async Task AddAsync(StoryRef story)
    {
        if (reel.State.Stories.Exists(s => s.StoryId == story.StoryId))
        {
            return;
        }

        reel.State.Stories.Add(story);
        reel.State.Stories.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        await reel.WriteStateAsync();
        await ArmAsync();
    }

    public async Task RemoveAsync(long storyId)
    {
        if (reel.State.Stories.RemoveAll(s => s.StoryId == storyId) > 0)
        {
            await reel.WriteStateAsync();
            await ArmAsync();
        }
    }

    public Task<StoryRef[]> GetActiveAsync()
    {
        var now = time.GetUtcNow();
        return Task.FromResult(reel.State.Stories.Where(s => s.ExpiresAt > now).ToArray());
    }

    public Task<StoryRef[]> GetActiveForAsync(long viewerId) =>
        reel.State.HiddenFrom.Contains(viewerId) ? Task.FromResult<StoryRef[]>([]) : GetActiveAsync();

    public Task<bool> IsHiddenFromAsync(long viewerId) => Task.FromResult(reel.State.HiddenFrom.Contains(viewerId));

    public async Task SetHiddenFromAsync(long viewerId, bool hidden)
    {
        if (viewerId == AuthorId)
        {
            throw DomainException.Unprocessable("You cannot hide your stories from yourself.");
        }

        if (await grains.GetGrain<IUserGrain>(viewerId).GetSummaryAsync() is null)
        {
            throw DomainException.NotFound("user");
        }

        if (hidden && reel.State.HiddenFrom.Count >= MaxHiddenFrom && !reel.State.HiddenFrom.Contains(viewerId))
        {
            throw DomainException.Unprocessable($"Stories can be hidden from at most {MaxHiddenFrom} users.");
        }

        if (hidden ? reel.State.HiddenFrom.Add(viewerId) : reel.State.HiddenFrom.Remove(viewerId))
        {
            await reel.WriteStateAsync();
        }
    }

    public async Task<Page<UserSummary>> GetHiddenFromAsync(PageRequest page)
    {
        var ids = reel.State.HiddenFrom.NewestFirst(page);
        return new Page<UserSummary>(await grains.SummariesAsync(ids.Items), ids.NextCursor);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var now = time.GetUtcNow();
        var due = reel.State.Stories.Where(s => s.ExpiresAt <= now).ToArray();
        foreach (var story in due)
        {
            await grains.GetGrain<IStoryGrain>(story.StoryId).PurgeAsync();
        }

        if (due.Length > 0)
        {
            reel.State.Stories.RemoveAll(s => s.ExpiresAt <= now);
            await reel.WriteStateAsync();
            StoryMetrics.Purged.Add(due.Length);
            LogPurged(AuthorId, due.Length, reel.State.Stories.Count);
        }

        await ArmAsync();
    }

    // One reminder per reel, always due at the earliest expiry; none at all once the reel is empty.
    private async Task ArmAsync()
    {
        if (reel.State.Stories.Count == 0)
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        var earliest = reel.State.Stories.Min(s => s.ExpiresAt);
        var due = earliest - time.GetUtcNow() + options.Value.PurgeDelay;
        await this.RegisterOrUpdateReminder(ReminderName, due > TimeSpan.Zero ? due : TimeSpan.Zero, options.Value.SweepPeriod);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reel {AuthorId}: purged {Purged} expired stories, {Left} left")]
    private partial void LogPurged(long authorId, int purged, int left);
}
