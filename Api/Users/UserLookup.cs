using Instagram.Grains.Users;

namespace Instagram.Api.Users;

public static class UserLookup
{
    /// <summary>The user id owning a username, or a 404.</summary>
    public static async Task<long> IdOfUsernameAsync(this IGrainFactory grains, string username) =>
        await grains.GetGrain<INameReservationGrain>(NameReservationKeys.ForUsername(username)).GetOwnerAsync() is { } id
        && await grains.GetGrain<IUserGrain>(id).GetSummaryAsync() is not null
            ? id
            : throw DomainException.NotFound("user");

    /// <summary>Fails with a 404 unless the user exists.</summary>
    public static async Task EnsureUserExistsAsync(this IGrainFactory grains, long userId)
    {
        if (await grains.GetGrain<IUserGrain>(userId).GetSummaryAsync() is null)
        {
            throw DomainException.NotFound("user");
        }
    }

    /// <summary>Summaries of <paramref name="ids"/> in order, fetched in parallel; unknown ids are skipped.</summary>
    public static async Task<UserSummaryResponse[]> SummariesAsync(this IGrainFactory grains, IReadOnlyList<long> ids)
    {
        var summaries = await Task.WhenAll(ids.Select(id => grains.GetGrain<IUserGrain>(id).GetSummaryAsync()));
        return [.. summaries.OfType<UserSummary>().Select(UserSummaryResponse.From)];
    }
}
