namespace Instagram.Grains.Graph;

/// <summary>
/// Carries users' activity marks to the follower pages of the accounts they follow. A returning user marks one page
/// per followed account, and users tend to return together (a restart, a push campaign), so marks are grouped by
/// page: each page has at most one call in flight, and the marks that arrive meanwhile (from any user on this silo)
/// go in its next call. Two hundred users following the same 500 accounts then cost about a thousand calls and
/// page writes instead of a hundred thousand. One silo-wide instance; the calls run off any grain's context.
/// </summary>
public sealed class FollowerActivityMarks(IGrainFactory grains)
{
    // Lets the marks of users returning in the same instant join the first call to a page.
    private static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(5);

    // Page calls in flight on this silo: a user following 7,500 accounts must not start 7,500 writes at once, and a
    // page waiting for a slot gathers more marks meanwhile.
    private const int CallsInFlight = 32;

    private readonly Dictionary<string, PendingMarks> _pages = [];
    private readonly SemaphoreSlim _calls = new(CallsInFlight);

    /// <summary>Completes once the page has stored the mark (or a later one), and fails if the call carrying it failed.</summary>
    public Task MarkAsync(string pageKey, long followerId, DateTimeOffset at)
    {
        PendingMarks marks;
        bool newPage;
        lock (_pages)
        {
            newPage = !_pages.TryGetValue(pageKey, out marks!);
            if (newPage)
            {
                _pages[pageKey] = marks = new PendingMarks();
            }

            marks.Add(followerId, at);
            if (!newPage)
            {
                return marks.Stored.Task;
            }
        }

        _ = Task.Run(() => SendAsync(pageKey, marks));
        return marks.Stored.Task;
    }

    // One loop per page with marks waiting; the entry leaves the map, under the lock, only when nothing is waiting,
    // so a mark either joins this loop or starts the next.
    private async Task SendAsync(string pageKey, PendingMarks marks)
    {
        await Task.Delay(GatherDelay);
        var page = grains.GetGrain<IFollowerPageGrain>(pageKey);
        while (true)
        {
            await _calls.WaitAsync();
            try
            {
                long[] followers;
                DateTimeOffset at;
                TaskCompletionSource stored;
                lock (_pages)
                {
                    if (marks.Followers.Count == 0)
                    {
                        _pages.Remove(pageKey);
                        return;
                    }

                    (followers, at, stored) = marks.Take();
                }

                try
                {
                    await page.MarkActiveAsync(followers, at);
                    stored.SetResult();
                }
                catch (Exception ex)
                {
                    stored.SetException(ex);
                }
            }
            finally
            {
                _calls.Release();
            }
        }
    }

    private sealed class PendingMarks
    {
        public List<long> Followers { get; } = [];

        // The latest time among the marks waiting: a few seconds' difference between users does not change who is active.
        private DateTimeOffset _at;

        public TaskCompletionSource Stored { get; private set; } = New();

        public void Add(long followerId, DateTimeOffset at)
        {
            Followers.Add(followerId);
            _at = at > _at ? at : _at;
        }

        public (long[] Followers, DateTimeOffset At, TaskCompletionSource Stored) Take()
        {
            var taken = (Followers.ToArray(), _at, Stored);
            Followers.Clear();
            _at = default;
            Stored = New();
            return taken;
        }

        private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
