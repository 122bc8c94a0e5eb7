using Instagram.Grains.Common;

namespace Instagram.Grains.Tests.Common;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task AFlushThatCompletesAtOnceDoesNotStopLaterFlushes()
    {
        var batches = new List<int[]>();
        var commit = new GroupCommit<int, int>(items =>
        {
            batches.Add([.. items]);
            return Task.FromResult(items.Select(i => i * 10).ToArray());
        });

        Assert.Equal(10, await commit.SubmitAsync(1));
        Assert.Equal(20, await commit.SubmitAsync(2).WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal([[1], [2]], batches);
    }

    [Fact]
    public async Task ItemsSubmittedDuringAFlushShareTheNextOne()
    {
        var batches = new List<int[]>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new GroupCommit<int, int>(async items =>
        {
            batches.Add([.. items]);
            await release.Task;
            return [.. items];
        });

        var first = commit.SubmitAsync(1);
        var queued = new[] { commit.SubmitAsync(2), commit.SubmitAsync(3), commit.SubmitAsync(4) };
        release.SetResult();

        Assert.Equal(1, await first);
        var results = await Task.WhenAll(queued);
        Assert.Equal([2, 3, 4], results);
        Assert.Equal([[1], [2, 3, 4]], batches);
    }

    [Fact]
    public async Task AFailedFlushFailsOnlyItsOwnCallers()
    {
        var calls = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new GroupCommit<int, int>(async items =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await release.Task;
                throw new InvalidOperationException("storage unavailable");
            }

            return [.. items];
        });

        var failing = commit.SubmitAsync(1);
        var next = commit.SubmitAsync(2);
        release.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal(2, await next);
    }
}
