namespace Instagram.Grains.Feed;

internal sealed class CelebrityDirectoryGrain(
    [PersistentState("celebrities", ProviderNames.GrainStorage)] IPersistentState<CelebrityDirectoryState> directory)
    : Grain, ICelebrityDirectoryGrain
{
    private long[] _snapshot = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _snapshot = [.. directory.State.Celebrities];
        return Task.CompletedTask;
    }

    public async Task SetAsync(long authorId, bool isCelebrity)
    {
        var changed = isCelebrity ? directory.State.Celebrities.Add(authorId) : directory.State.Celebrities.Remove(authorId);
        if (!changed)
        {
            return;
        }

        await directory.WriteStateAsync();
        _snapshot = [.. directory.State.Celebrities];
    }

    public Task<long[]> GetAllAsync() => Task.FromResult(_snapshot);
}
