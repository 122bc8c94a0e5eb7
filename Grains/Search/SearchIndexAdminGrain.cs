using System.Diagnostics;
using Instagram.Grains.Posts;
using Instagram.Grains.Users;

namespace Instagram.Grains.Search;

/// <summary>
/// Rebuilds the search index from the source of truth: every user the directory lists (the grain state table in
/// the Cluster profile), their current profile from the user grain, their posts from their timeline and each post's
/// current state from its grain. Entries nobody re-wrote during the rebuild are then dropped. Non-reentrant, so
/// rebuilds queue rather than overlap.
/// </summary>
internal sealed partial class SearchIndexAdminGrain(
    ISearchIndex index,
    IUserDirectory directory,
    IGrainFactory grains,
    ILogger<SearchIndexAdminGrain> logger) : Grain, ISearchIndexAdminGrain
{
    private const int UsersPerBatch = 64;
    private const int PostsPerBatch = 500;

    public async Task<RebuildReport> RebuildAsync()
    {
        var clock = Stopwatch.StartNew();
        var stamp = await index.BeginRebuildAsync();
        var userIds = await directory.GetAllUserIdsAsync();
        LogStarted(userIds.Count);
        var users = 0;
        var posts = 0;
        foreach (var batch in userIds.Chunk(UsersPerBatch))
        {
            var summaries = await Task.WhenAll(batch.Select(id => grains.GetGrain<IUserGrain>(id).GetSummaryAsync()));
            var userDocuments = summaries.OfType<UserSummary>().Select(SearchDocuments.From).ToArray();
            await index.UpsertUsersAsync(userDocuments);
            users += userDocuments.Length;

            var timelines = await Task.WhenAll(userDocuments.Select(u => grains.GetGrain<IUserPostsGrain>(u.UserId).GetRecentAsync(int.MaxValue)));
            foreach (var postIds in timelines.SelectMany(t => t).Chunk(PostsPerBatch))
            {
                var details = await Task.WhenAll(postIds.Select(id => grains.GetGrain<IPostGrain>(id).GetDetailsAsync()));
                var postDocuments = details.Where(p => p is { Status: PostStatus.Published }).Select(p => SearchDocuments.From(p!)).ToArray();
                await index.UpsertPostsAsync(postDocuments);
                posts += postDocuments.Length;
            }
        }

        await index.CompleteRebuildAsync(stamp);
        var report = new RebuildReport(users, posts, clock.Elapsed);
        LogCompleted(report.Users, report.Posts, report.Elapsed.TotalSeconds);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index rebuild started: {Users} users listed")]
    private partial void LogStarted(int users);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index rebuilt: {Users} users, {Posts} posts in {Seconds:F1} s")]
    private partial void LogCompleted(int users, int posts, double seconds);
}
