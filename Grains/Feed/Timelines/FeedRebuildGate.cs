namespace Instagram.Grains.Feed.Timelines;

/// <summary>
/// How many cold feeds one silo rebuilds at once (<see cref="FeedOptions.MaxConcurrentRebuilds"/>). After a full
/// restart every reader's feed is cold at the same moment: the gate keeps that from becoming a thundering herd on the
/// database, while reads of feeds that are already warm never wait for it.
/// </summary>
public sealed class FeedRebuildGate(IOptions<FeedOptions> options)
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentRebuilds);

    public async Task<T> RunAsync<T>(Func<Task<T>> rebuild)
    {
        await _slots.WaitAsync();
        try
        {
            return await rebuild();
        }
        finally
        {
            _slots.Release();
        }
    }
}
