using System.Text.Json;
using Instagram.LoadTest.Graph;
using Instagram.LoadTest.Systems;

namespace Instagram.LoadTest.Seeding;

/// <summary>
/// What `seed` leaves behind for later runs against a long-lived target (cluster, http): the graph's parameters (it is
/// regenerated from them, deterministically) and the ids the target gave each user and post. An embedded silo dies
/// with its process, so it has no manifest.
/// </summary>
public sealed record SeedManifest(
    string Target,
    string RunTag,
    int Users,
    int Posts,
    int MedianFollowers,
    int CelebrityThreshold,
    int Celebrities,
    int FanClub,
    int RandomSeed,
    long[] UserIds,
    long[] PostIds,
    DateTimeOffset CreatedAt,
    int Following = 0,
    BigCelebrity? Celebrity = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static SeedManifest From(RunOptions options, SeededWorld world) => new(options.TargetLabel, Systems.RunTag.Value,
        options.Users, options.Posts, options.MedianFollowers, options.CelebrityThreshold, options.Celebrities, options.FanClub,
        options.RandomSeed, world.UserIds, world.PostIds, DateTimeOffset.UtcNow, options.Following, world.Celebrity);

    public async Task SaveAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, Json);
    }

    public static async Task<SeedManifest> LoadAsync(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"No seed manifest at {path}: run `seed` against the same target first.");
        }

        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<SeedManifest>(file, Json) ?? throw new UsageException($"{path} is not a seed manifest.");
    }

    /// <summary>Rebuilds the world the manifest describes; accounts are handed to an HTTP system so it can sign them in.</summary>
    public SeededWorld ToWorld(ISystemUnderTest system)
    {
        var graph = SocialGraph.Generate(Users, Posts, MedianFollowers, Celebrities, CelebrityThreshold, FanClub, RandomSeed, Following);
        var world = new SeededWorld(graph, UserIds, PostIds, new Dictionary<string, double>(), RunTag) { Celebrity = Celebrity };
        if (system is HttpSystem http)
        {
            for (var i = 0; i < UserIds.Length; i++)
            {
                http.Remember(UserIds[i], world.UserName(i));
            }
        }

        return world;
    }
}
