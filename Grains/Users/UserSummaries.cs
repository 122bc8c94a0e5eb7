namespace Instagram.Grains.Users;

internal static class UserSummaries
{
    /// <summary>Summaries of <paramref name="ids"/> in order, fetched in parallel; unknown users are skipped.</summary>
    public static async Task<UserSummary[]> SummariesAsync(this IGrainFactory grains, IEnumerable<long> ids) =>
        [.. (await Task.WhenAll(ids.Select(id => grains.GetGrain<IUserGrain>(id).GetSummaryAsync()))).OfType<UserSummary>()];

    /// <summary>Summaries of <paramref name="ids"/> in order, minus unknown and suspended users and anyone blocked either way with the viewer.</summary>
    public static async Task<UserSummary[]> VisibleSummariesAsync(this IGrainFactory grains, long viewerId, Task<long[]> blocked, IEnumerable<long> ids)
    {
        var excluded = (await blocked).ToHashSet();
        return [.. (await grains.SummariesAsync(ids.Where(id => !excluded.Contains(id)))).Where(s => !s.IsHiddenFrom(viewerId))];
    }
}
