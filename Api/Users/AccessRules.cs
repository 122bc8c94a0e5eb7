using Instagram.Grains.Users;

namespace Instagram.Api.Users;

public static class AccessRules
{
    /// <summary>
    /// For lists that belong to a user (grid, followers, following): a blocked pair gets 404 (the user does not
    /// exist for them), a non-follower of a private account gets 403 (the header says the account is private).
    /// </summary>
    public static async Task EnsureCanSeeContentOfAsync(this IGrainFactory grains, long viewerId, long ownerId)
    {
        var owner = await grains.GetGrain<IUserGrain>(ownerId).GetSummaryAsync();
        if (owner is null || await grains.IsBlockedEitherWayAsync(viewerId, ownerId))
        {
            throw DomainException.NotFound("user");
        }

        if (!await grains.CanSeeContentAsync(viewerId, owner))
        {
            throw DomainException.Forbidden("This account is private: follow it to see its posts and connections.");
        }
    }
}
