using Instagram.LoadTest.Reporting;
using Instagram.LoadTest.Seeding;
using Instagram.LoadTest.Systems;

namespace Instagram.LoadTest.Scenarios;

/// <summary>
/// Random users search, one of five queries in turn: posts by caption words (one or two words of the seeded
/// captions' vocabulary), posts by hashtag, users by a username prefix, users by a username with one wrong letter
/// (typo tolerance), hashtags by prefix. Every query has matches in the seeded graph, so an empty answer is counted.
/// </summary>
public sealed class SearchScenario : Scenario
{
    private const int Limit = 20;

    public override string Name => "search";

    public override string Description =>
        "Random users search: caption words, a hashtag's posts, a username prefix, a username with a typo, a hashtag prefix (20 results each).";

    public override string KeyMetric => "searches/s";

    public override string? Unsupported(ScenarioContext context) =>
        context.System.IsOurs ? null : "the Redis reference design has no search";

    public override Task<SystemResult> RunAsync(ScenarioContext context)
    {
        var world = context.World;
        long turn = 0;
        // Every search is timed as "search" (the key figure and the progress line's p99) and again under its kind.
        return RunClosedLoopAsync(context, Name, "search", async (recorder, _, _) =>
        {
            var viewer = world.UserIds[Random.Shared.Next(world.UserIds.Length)];
            var (kind, request) = NextQuery(world, Interlocked.Increment(ref turn));
            var started = Stopwatch.GetTimestamp();
            var (ok, results) = await recorder.MeasureAsync("search", ct => context.System.SearchAsync(viewer, request, ct));
            if (ok)
            {
                recorder.RecordInterval($"search: {kind}", Stopwatch.GetElapsedTime(started));
                recorder.Add("results", results);
                recorder.Add(results == 0 ? "emptyAnswers" : "answersWithResults", 1);
            }
        }, (recorder, seconds) => recorder.Op("search").Count / seconds);
    }

    private static (string Kind, SearchRequest Request) NextQuery(SeededWorld world, long turn)
    {
        var random = Random.Shared;
        switch (turn % 5)
        {
            case 0:
                var words = SyntheticText.Words;
                var text = random.Next(2) == 0
                    ? words[random.Next(words.Length)]
                    : $"{words[random.Next(words.Length)]} {words[random.Next(words.Length)]}";
                return ("posts by text", new SearchRequest(SearchKind.PostsByText, text, Limit));
            case 1:
                return ("posts by hashtag", new SearchRequest(SearchKind.PostsByHashtag, SyntheticText.Hashtag(random.Next(SyntheticText.HashtagCount)), Limit));
            case 2:
                var name = world.UserName(random.Next(world.UserIds.Length));
                return ("users by prefix", new SearchRequest(SearchKind.Users, name[..Math.Max(4, name.Length - 1 - random.Next(3))], Limit));
            case 3:
                return ("users with a typo", new SearchRequest(SearchKind.Users, WithTypo(world.UserName(random.Next(world.UserIds.Length)), random), Limit));
            default:
                var tag = SyntheticText.Hashtag(random.Next(SyntheticText.HashtagCount));
                return ("hashtags by prefix", new SearchRequest(SearchKind.Hashtags, tag[..Math.Min(tag.Length, 4)], Limit));
        }
    }

    // One letter of the username's run tag replaced by another: "lt3kq9z_17" -> "lt3kx9z_17".
    private static string WithTypo(string username, Random random)
    {
        var chars = username.ToCharArray();
        var at = 2 + random.Next(4);
        chars[at] = chars[at] == 'x' ? 'y' : 'x';
        return new string(chars);
    }
}
