using Instagram.Grains.Affinity;
using Instagram.Grains.Graph;
using Instagram.Grains.Users;

namespace Instagram.Grains.Stories;

// Stateless: the tray is computed from the graph, the reels and the viewer's seen and affinity records, so any
// silo can build it and several can build them at once.
[StatelessWorker]
internal sealed class StoryTrayGrain(IGrainFactory grains) : Grain, IStoryTrayGrain
{
    public async Task<TrayEntry[]> GetTrayAsync()
    {
        var viewerId = this.GetPrimaryKeyLong();
        var authors = (await grains.GetGrain<IFollowingGrain>(viewerId).GetFollowingIdsAsync()).Append(viewerId).ToArray();
        var reels = await Task.WhenAll(authors.Select(id => grains.GetGrain<IStoryReelGrain>(id).GetActiveForAsync(viewerId)));
        var withStories = authors.Zip(reels).Where(r => r.Second.Length > 0).ToArray();
        if (withStories.Length == 0)
        {
            return [];
        }

        var storyIds = withStories.SelectMany(r => r.Second.Select(s => s.StoryId)).ToArray();
        var details = (await Task.WhenAll(storyIds.Select(id => grains.GetGrain<IStoryGrain>(id).GetAsync()))).OfType<StoryDetails>().ToDictionary(s => s.Id);
        var seen = (await grains.GetGrain<IStorySeenGrain>(viewerId).HaveSeenAsync(storyIds)).Zip(storyIds).Where(p => p.First).Select(p => p.Second).ToHashSet();
        var summaries = (await Task.WhenAll(withStories.Select(r => grains.GetGrain<IUserGrain>(r.First).GetSummaryAsync()))).OfType<UserSummary>().ToArray();
        var visible = await grains.VisibleOwnersAsync(viewerId, summaries);
        var affinity = await grains.GetGrain<IAffinityGrain>(viewerId).GetScoresAsync([.. summaries.Select(s => s.Id)]);
        var scores = summaries.Select((s, i) => (s.Id, affinity[i])).ToDictionary(p => p.Id, p => p.Item2);

        var entries = summaries.Where(s => visible.Contains(s.Id)).Select(user =>
        {
            var stories = withStories.First(r => r.First == user.Id).Second
                .Where(s => details.ContainsKey(s.StoryId))
                .Select(s => new TrayStory(details[s.StoryId], user.Id == viewerId || seen.Contains(s.StoryId)))
                .ToArray();
            return new TrayEntry(user, stories, stories.All(s => s.Seen));
        }).Where(e => e.Stories.Length > 0);

        // Unseen first, then the authors the viewer interacts with most, then the most recent story.
        return [.. entries
            .OrderBy(e => e.AllSeen)
            .ThenByDescending(e => scores[e.User.Id])
            .ThenByDescending(e => e.Stories.Max(s => s.Story.CreatedAt))];
    }
}
