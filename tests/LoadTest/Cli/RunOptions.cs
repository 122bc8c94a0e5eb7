namespace Instagram.LoadTest.Cli;

/// <summary>
/// Everything one invocation asks for, validated against fixed upper bounds: the tool refuses absurd values instead of
/// running for hours or exhausting the machine.
/// </summary>
public sealed class RunOptions
{
    public static class Bounds
    {
        public const int MaxUsers = 200_000;
        public const int MaxPosts = 1_000_000;
        public const int MaxDurationSeconds = 600;
        public const long MaxCount = 10_000_000;
        public const int MaxConcurrency = 1_024;
        public const int MaxSeedParallelism = 256;
        public const int MaxWarmupSeconds = 60;
        public const int MaxBigAuthorFollowers = 200_000;
        public const int MaxBigAuthorPosts = 100;
        public const int MaxFeedMemoryReaders = 50_000;
        public const int MaxVideos = 20;
        public const int MaxVideoSeconds = 90;
        public const int MaxCelebrityFollowers = 2_000_000;

        /// <summary>A count-bounded run still stops after this long.</summary>
        public static readonly TimeSpan CountModeTimeLimit = TimeSpan.FromSeconds(MaxDurationSeconds);
    }

    public required IReadOnlyList<string> Commands { get; init; }
    public required TargetKind Target { get; init; }
    public Uri? HttpTarget { get; init; }

    /// <summary>A second Api instance of the same cluster (`messages` splits its hub clients between the two).</summary>
    public Uri? SecondHttpTarget { get; init; }
    public required int Users { get; init; }
    public required int Posts { get; init; }
    public required int MedianFollowers { get; init; }
    public required int CelebrityThreshold { get; init; }
    public required int Celebrities { get; init; }
    public required int FanClub { get; init; }
    public required int Following { get; init; }
    public required int RandomSeed { get; init; }
    public required int SeedParallelism { get; init; }
    public required TimeSpan Duration { get; init; }
    public required long? Count { get; init; }
    public required int Concurrency { get; init; }
    public required TimeSpan Warmup { get; init; }
    public required int PageSize { get; init; }
    public required double ReadRatio { get; init; }
    public required int ProbeEvery { get; init; }

    /// <summary>The silos' Feed:MaxItems: a feed keeps that many newest posts, so the fan-out audit expects no more.</summary>
    public required int FeedCapacity { get; init; }
    public required int BigAuthorFollowers { get; init; }
    public required int BigAuthorPosts { get; init; }
    public required int FeedMemoryReaders { get; init; }

    /// <summary><c>video</c>: clips uploaded one after another, and the length of each (1080p).</summary>
    public int Videos { get; init; } = 3;
    public int VideoSeconds { get; init; } = 30;

    /// <summary>
    /// Followers of one extra celebrity seeded on top of the graph (new accounts, plus the fan club); 0 = none. It then
    /// posts once a second during every scenario (see <see cref="Scenarios.BigCelebrityPublisher"/>).
    /// </summary>
    public int CelebrityFollowers { get; init; }
    public required bool RedisBaseline { get; init; }
    public required string OutPath { get; init; }
    public string? ManifestPath { get; init; }
    public int? ServerPid { get; init; }

    /// <summary>A silo to kill hard (SIGKILL) <see cref="KillAfter"/> into the fan-out run; another silo must keep serving.</summary>
    public int? KillPid { get; init; }

    public TimeSpan KillAfter { get; init; }

    /// <summary>
    /// A silo that <c>cold-feed-read</c> kills hard once warm reads are measured; something else (a restart loop, an
    /// orchestrator) starts it again, and the cold reads are timed from the moment the cluster answers.
    /// </summary>
    public int? RestartPid { get; init; }
    public required int GeneratorId { get; init; }
    public required IReadOnlyList<string> RawArgs { get; init; }

    /// <summary>Free text put at the top of the report (--note), e.g. which commit or machine state a run measured.</summary>
    public string? Note { get; init; }

    /// <summary>How long a run may last at most, whatever was asked: the duration, or the count-mode cap.</summary>
    public TimeSpan TimeLimit => Count is null ? Duration : (ExplicitDuration ? Duration : Bounds.CountModeTimeLimit);

    public bool ExplicitDuration { get; init; }

    public string TargetLabel => Target switch
    {
        TargetKind.Embedded => "embedded",
        TargetKind.Cluster => "cluster",
        _ => HttpTarget!.GetLeftPart(UriPartial.Authority),
    };

    public static RunOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            throw new HelpRequestedException();
        }

        var commands = args[0].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToLowerInvariant()).Distinct().ToList();
        foreach (var command in commands)
        {
            if (!Scenarios.ScenarioCatalog.Commands.Contains(command))
            {
                throw new UsageException($"Unknown command '{command}'. Commands: {string.Join(", ", Scenarios.ScenarioCatalog.Commands)}.");
            }
        }

        var flags = ReadFlags(args.Skip(1).ToArray());
        var target = flags.String("target", "embedded");
        TargetKind kind;
        Uri? http = null;
        switch (target.ToLowerInvariant())
        {
            case "embedded":
                kind = TargetKind.Embedded;
                break;
            case "cluster":
                kind = TargetKind.Cluster;
                break;
            default:
                if (!Uri.TryCreate(target, UriKind.Absolute, out http) || (http.Scheme != Uri.UriSchemeHttp && http.Scheme != Uri.UriSchemeHttps))
                {
                    throw new UsageException($"--target must be 'embedded', 'cluster' or http://127.0.0.1:PORT, not '{target}'.");
                }

                Loopback.Require(http.Host, "--target");
                kind = TargetKind.Http;
                break;
        }

        var users = flags.Int("users", kind == TargetKind.Http ? 300 : 2_000, 10, Bounds.MaxUsers);
        var threshold = flags.Int("celebrity-threshold", 10_000, 2, 100_000_000);
        var defaultCelebrities = threshold >= users ? 0 : Math.Max(1, users / 500);
        var celebrities = flags.Int("celebrities", defaultCelebrities, 0, Math.Max(0, users / 10));
        if (celebrities > 0 && threshold >= users)
        {
            throw new UsageException($"--celebrities {celebrities} needs --celebrity-threshold below --users ({users}): " +
                "a celebrity is an account with at least that many followers.");
        }

        var durationGiven = flags.Has("duration");
        var duration = TimeSpan.FromSeconds(flags.Int("duration", 20, 1, Bounds.MaxDurationSeconds));
        long? count = flags.Has("count") ? flags.Long("count", 0, 1, Bounds.MaxCount) : null;
        var readRatio = flags.Double("read-ratio", 0.8, 0, 1);
        var defaultOut = Path.Combine(DefaultResultsDirectory(), $"{string.Join('+', commands)}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        var options = new RunOptions
        {
            Commands = commands,
            Target = kind,
            HttpTarget = http,
            SecondHttpTarget = SecondTarget(flags, kind),
            Users = users,
            Posts = flags.Int("posts", kind == TargetKind.Http ? 1_000 : 5_000, 0, Bounds.MaxPosts),
            MedianFollowers = flags.Int("median-followers", 100, 1, 5_000),
            CelebrityThreshold = threshold,
            Celebrities = celebrities,
            FanClub = flags.Int("fan-club", Math.Max(1, users / 4), 1, users),
            Following = flags.Int("following", 0, 0, Math.Max(0, users - 1)),
            RandomSeed = flags.Int("random-seed", 42, 0, int.MaxValue),
            SeedParallelism = flags.Int("seed-parallelism", kind == TargetKind.Http ? 16 : 64, 1, Bounds.MaxSeedParallelism),
            Duration = duration,
            ExplicitDuration = durationGiven,
            Count = count,
            Concurrency = flags.Int("concurrency", 32, 1, Bounds.MaxConcurrency),
            Warmup = TimeSpan.FromSeconds(flags.Int("warmup", 3, 0, Bounds.MaxWarmupSeconds)),
            PageSize = flags.Int("limit", 20, 1, 100),
            ReadRatio = readRatio,
            ProbeEvery = flags.Int("probe-every", 10, 1, 1_000),
            FeedCapacity = flags.Int("feed-capacity", 1_000, 1, 100_000),
            BigAuthorFollowers = flags.Int("big-author-followers", 0, 0, Bounds.MaxBigAuthorFollowers),
            BigAuthorPosts = flags.Int("big-author-posts", 5, 1, Bounds.MaxBigAuthorPosts),
            FeedMemoryReaders = flags.Int("feed-memory-readers", 2_000, 10, Bounds.MaxFeedMemoryReaders),
            Videos = flags.Int("videos", 3, 1, Bounds.MaxVideos),
            VideoSeconds = flags.Int("video-seconds", 30, 1, Bounds.MaxVideoSeconds),
            CelebrityFollowers = flags.Int("celebrity-followers", 0, 0, Bounds.MaxCelebrityFollowers),
            RedisBaseline = flags.String("baseline", "none").ToLowerInvariant() switch
            {
                "none" => false,
                "redis" => true,
                var other => throw new UsageException($"--baseline must be 'redis' or 'none', not '{other}'."),
            },
            OutPath = Path.GetFullPath(flags.String("out", defaultOut)),
            ManifestPath = flags.Has("manifest") ? Path.GetFullPath(flags.String("manifest", "")) : null,
            ServerPid = flags.Has("server-pid") ? flags.Int("server-pid", 0, 1, int.MaxValue) : null,
            KillPid = flags.Has("kill-pid") ? flags.Int("kill-pid", 0, 1, int.MaxValue) : null,
            KillAfter = TimeSpan.FromSeconds(flags.Int("kill-after", 5, 1, Bounds.MaxWarmupSeconds)),
            RestartPid = flags.Has("restart-pid") ? flags.Int("restart-pid", 0, 1, int.MaxValue) : null,
            GeneratorId = flags.Int("generator-id", 1000 + (Environment.ProcessId % 24), 0, Instagram.Grains.Common.IdGenerator.MaxGeneratorId),
            RawArgs = args,
            Note = flags.Has("note") ? flags.String("note", "") : null,
        };

        if (options.BigAuthorFollowers >= options.CelebrityThreshold)
        {
            throw new UsageException($"--big-author-followers {options.BigAuthorFollowers} would make the big author a celebrity " +
                $"(threshold {options.CelebrityThreshold}): its posts would be pulled, not pushed. Use fewer followers or a higher --celebrity-threshold.");
        }

        if (options.CelebrityFollowers > 0 && (kind == TargetKind.Http || options.CelebrityFollowers < options.CelebrityThreshold))
        {
            throw new UsageException($"--celebrity-followers seeds a celebrity through the grains: it needs --target embedded or cluster " +
                $"and at least --celebrity-threshold ({options.CelebrityThreshold:N0}) followers.");
        }

        if (options.KillPid is not null && kind != TargetKind.Cluster)
        {
            throw new UsageException("--kill-pid kills a silo of a running cluster: it needs --target cluster (and a second silo to keep serving).");
        }

        if (options.RestartPid is not null && kind != TargetKind.Cluster)
        {
            throw new UsageException("--restart-pid restarts a silo of a running cluster: it needs --target cluster (and the silo run under a restart loop).");
        }

        if (options.ManifestPath is not null && kind == TargetKind.Embedded)
        {
            throw new UsageException("--manifest reuses a graph seeded earlier; an embedded silo lives only as long as one run, so it is seeded every time.");
        }

        flags.EnsureAllUsed();
        return options;
    }

    /// <summary>tests/LoadTest/results when run from the repository, else ./results.</summary>
    public static string DefaultResultsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LoadTest.csproj")))
            {
                return Path.Combine(dir.FullName, "results");
            }
        }

        return Path.GetFullPath("results");
    }

    private static Uri? SecondTarget(FlagReader flags, TargetKind kind)
    {
        if (!flags.Has("second-target"))
        {
            return null;
        }

        var value = flags.String("second-target", "");
        if (kind != TargetKind.Http || !Uri.TryCreate(value, UriKind.Absolute, out var second) || second.Scheme != Uri.UriSchemeHttp)
        {
            throw new UsageException($"--second-target must be http://127.0.0.1:PORT next to an http --target, not '{value}'.");
        }

        Loopback.Require(second.Host, "--second-target");
        return second;
    }

    private static FlagReader ReadFlags(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length < 3)
            {
                throw new UsageException($"Unexpected argument '{arg}'. Flags look like --name value.");
            }

            var name = arg[2..];
            string value;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"--{name} needs a value.");
            }

            if (!values.TryAdd(name, value))
            {
                throw new UsageException($"--{name} is given twice.");
            }
        }

        return new FlagReader(values);
    }

    private sealed class FlagReader(Dictionary<string, string> values)
    {
        private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

        public bool Has(string name) => values.ContainsKey(name);

        public string String(string name, string fallback)
        {
            _used.Add(name);
            return values.TryGetValue(name, out var value) ? value : fallback;
        }

        public int Int(string name, int fallback, int min, int max) => (int)Long(name, fallback, min, max);

        public long Long(string name, long fallback, long min, long max)
        {
            _used.Add(name);
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }

            if (!long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                throw new UsageException($"--{name} must be a whole number, not '{text}'.");
            }

            if (value < min || value > max)
            {
                throw new UsageException($"--{name} must be between {min:N0} and {max:N0} (got {value:N0}).");
            }

            return value;
        }

        public double Double(string name, double fallback, double min, double max)
        {
            _used.Add(name);
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value))
            {
                throw new UsageException($"--{name} must be a number, not '{text}'.");
            }

            if (value < min || value > max)
            {
                throw new UsageException($"--{name} must be between {min} and {max} (got {value}).");
            }

            return value;
        }

        public void EnsureAllUsed()
        {
            var unknown = values.Keys.Where(k => !_used.Contains(k)).ToList();
            if (unknown.Count > 0)
            {
                throw new UsageException($"Unknown flag(s): {string.Join(", ", unknown.Select(k => "--" + k))}. Run with --help for the list.");
            }
        }
    }
}

/// <summary>--help, or no arguments at all.</summary>
public sealed class HelpRequestedException : Exception;
