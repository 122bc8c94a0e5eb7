namespace Instagram.Grains.Search;

/// <summary>The Embedded profile's <see cref="IUserDirectory"/>.</summary>
public sealed class GrainUserDirectory(IGrainFactory grains) : IUserDirectory
{
    public Task OnUserSeenAsync(long userId) => grains.GetGrain<IUserDirectoryGrain>(0).AddAsync(userId);

    public async Task<IReadOnlyList<long>> GetAllUserIdsAsync(CancellationToken cancellationToken = default) =>
        await grains.GetGrain<IUserDirectoryGrain>(0).GetAllAsync();
}
