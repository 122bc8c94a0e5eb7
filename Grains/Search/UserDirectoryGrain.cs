namespace Instagram.Grains.Search;

/// <summary>The Embedded profile's user list: user ids as user events report them, in one never-collected grain.</summary>
[CollectionAgeLimit(AlwaysActive = true)]
internal sealed class UserDirectoryGrain : Grain, IUserDirectoryGrain
{
    private readonly HashSet<long> _userIds = [];

    public Task AddAsync(long userId)
    {
        _userIds.Add(userId);
        return Task.CompletedTask;
    }

    public Task<long[]> GetAllAsync() => Task.FromResult(_userIds.Order().ToArray());
}
