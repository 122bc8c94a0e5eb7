using System.Globalization;

namespace Instagram.LoadTest.Capacity;

/// <summary>
/// <c>capacity</c>: reads load-test result files, derives per-action costs, and prints the plan for a number of daily
/// active users, each line with the measured numbers (and files) it rests on. Runs no load.
/// </summary>
public static class CapacityCommand
{
    public const string Name = "capacity";

    public const string Usage = """
        usage: dotnet run -c Release --project tests/LoadTest -- capacity [--dau N] [--results <dir or file>[,...]] [flags]

          --results PATHS            result JSON files or folders of them (default tests/LoadTest/results)
          --profile cluster|embedded which target's runs to prefer for silo CPU (default cluster)
          --runs N                   newest runs per figure whose median is taken (default 5)
          --dau N                    daily active users (default 500,000,000, seed 001)
          --peak-factor X            peak ÷ daily average (default 3, seed 002)
          --feed-opens X  --posts-per-user X  --likes-per-user X  --graph-changes-per-user X     per DAU per day
          --followers-per-post X     followers of a typical author (default: the fan-out runs' mean)
          --active-follower-share X  followers pushed to (default 0.25)
          --concurrent-share X       online at the peak ÷ DAU (default 0.1, seed 004)
          --silo-cores N  --silo-memory-gb N  --api-cores N  --postgres-cores N  --utilisation X
        """;

    public static int Run(string[] args, TextWriter output)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                output.WriteLine(Usage);
                return 0;
            }

            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                output.WriteLine($"error: expected --flag value, got '{args[i]}'\n{Usage}");
                return 2;
            }

            flags[args[i]] = args[++i];
        }

        try
        {
            var mix = Mix(flags);
            var deployment = DeploymentFrom(flags);
            var problems = new List<string>();
            var paths = (flags.GetValueOrDefault("--results") ?? Path.Combine("tests", "LoadTest", "results")).Split(',', StringSplitOptions.RemoveEmptyEntries);
            var runs = ResultRun.Load(paths, problems);
            var costs = new CostExtractor(runs, flags.GetValueOrDefault("--profile") ?? "cluster", (int)Number(flags, "--runs", 5)).Extract();
            var plan = CapacityModel.Compute(mix, costs, deployment);
            CapacityTable.Write(output, mix, costs, plan, runs.Count, paths, problems);
            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or IOException)
        {
            output.WriteLine($"error: {ex.Message}");
            return 2;
        }
    }

    private static TrafficMix Mix(Dictionary<string, string> flags)
    {
        var mix = new TrafficMix { DailyActiveUsers = Given(flags, "--dau") ?? new Sourced(500_000_000, "seed 001 §2: 500 million DAU") };
        return mix with
        {
            PeakFactor = Given(flags, "--peak-factor") ?? mix.PeakFactor,
            FeedOpensPerUserPerDay = Given(flags, "--feed-opens") ?? mix.FeedOpensPerUserPerDay,
            PostsPerUserPerDay = Given(flags, "--posts-per-user") ?? mix.PostsPerUserPerDay,
            LikesPerUserPerDay = Given(flags, "--likes-per-user") ?? mix.LikesPerUserPerDay,
            GraphChangesPerUserPerDay = Given(flags, "--graph-changes-per-user") ?? mix.GraphChangesPerUserPerDay,
            FollowersPerPost = Given(flags, "--followers-per-post"),
            ActiveFollowerShare = Given(flags, "--active-follower-share") ?? mix.ActiveFollowerShare,
            ConcurrentShareOfDau = Given(flags, "--concurrent-share") ?? mix.ConcurrentShareOfDau,
        };
    }

    private static Deployment DeploymentFrom(Dictionary<string, string> flags)
    {
        var defaults = new Deployment();
        return defaults with
        {
            SiloCores = Given(flags, "--silo-cores") ?? defaults.SiloCores,
            SiloMemoryBytes = Given(flags, "--silo-memory-gb", 1e9) ?? defaults.SiloMemoryBytes,
            ApiCores = Given(flags, "--api-cores") ?? defaults.ApiCores,
            PostgresCoresPerServer = Given(flags, "--postgres-cores") ?? defaults.PostgresCoresPerServer,
            TargetUtilisation = Given(flags, "--utilisation") ?? defaults.TargetUtilisation,
        };
    }

    private static Sourced? Given(Dictionary<string, string> flags, string flag, double scale = 1) =>
        flags.ContainsKey(flag) ? Sourced.Flag(Number(flags, flag, 0) * scale, flag) : null;

    private static double Number(Dictionary<string, string> flags, string flag, double fallback)
    {
        if (!flags.TryGetValue(flag, out var text))
        {
            return fallback;
        }

        return double.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{flag} needs a positive number, got '{text}'.");
    }
}
