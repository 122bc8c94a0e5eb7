namespace Instagram.Silo.Tests.MultiRegion;

/// <summary>
/// The Api's region routing for one user's own content. Writes go to the user's home region (one writer per user, so
/// regions never disagree about a user's posts or edges). A read is served by the region the user landed in when
/// its replica already holds every write of this session, and by the home region otherwise: the author always
/// sees their own fresh posts, wherever they are, while everyone else reads the local, eventually consistent replica.
/// </summary>
public sealed class ReadYourWritesRouter(IReadOnlyList<Region> regions)
{
    private int _servedLocally;
    private int _servedFromHome;

    public int ServedLocally => _servedLocally;

    public int ServedFromHome => _servedFromHome;

    public async Task<long> PostAsync(UserSession session, string caption)
    {
        var postId = await regions[HomeRegions.HomeOf(session.UserId)].PublishAsync(session.UserId, caption);
        session.UnconfirmedWrites.Add(postId);
        return postId;
    }

    public async Task<long[]> OwnPostsAsync(UserSession session)
    {
        var local = await regions[session.CurrentRegion].OwnPostsAsync(session.UserId);
        session.UnconfirmedWrites.ExceptWith(local);
        if (session.UnconfirmedWrites.Count == 0)
        {
            Interlocked.Increment(ref _servedLocally);
            return local;
        }

        Interlocked.Increment(ref _servedFromHome);
        return await regions[HomeRegions.HomeOf(session.UserId)].OwnPostsAsync(session.UserId);
    }
}
