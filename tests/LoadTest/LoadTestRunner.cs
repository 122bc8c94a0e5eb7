using Instagram.LoadTest.Graph;
using Instagram.LoadTest.Reporting;
using Instagram.LoadTest.Scenarios;
using Instagram.LoadTest.Seeding;
using Instagram.LoadTest.Systems;

namespace Instagram.LoadTest;

/// <summary>Parses the command line, builds the systems, seeds them, runs each scenario on ours and the baseline, reports.</summary>
public static class LoadTestRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == Capacity.CapacityCommand.Name)
        {
            return Capacity.CapacityCommand.Run(args[1..], Console.Out); // reads result files only: no graph, no system
        }

        RunOptions options;
        try
        {
            options = RunOptions.Parse(args);
        }
        catch (HelpRequestedException)
        {
            Usage.Print();
            return 0;
        }
        catch (UsageException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}\nRun with --help for the commands and flags.");
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            return await RunAsync(options, cancel.Token);
        }
        catch (UsageException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return 130;
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"error: the run failed: {ex}");
            return 1;
        }
    }

    private static async Task<int> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var notes = options.Note is { Length: > 0 } note ? new List<string> { note } : [];
        var reports = new List<ScenarioReport>();
        var seeds = new List<SeedReport>();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Instagram.LoadTest {string.Join(',', options.Commands)} -> {options.TargetLabel} ({Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC})"));

        var runnable = options.Commands.Where(c => c != ScenarioCatalog.Seed).ToList();
        var needsGraph = options.Commands.Any(ScenarioCatalog.NeedsGraph);
        var graph = needsGraph
            ? SocialGraph.Generate(options.Users, options.Posts, options.MedianFollowers, options.Celebrities, options.CelebrityThreshold, options.FanClub, options.RandomSeed, options.Following)
            : SocialGraph.Generate(0, 0, 1, 0, 2, 0, 0);
        if (needsGraph)
        {
            Console.WriteLine($"graph: {graph.Describe()}");
        }

        await using var ours = await CreateOursAsync(options, cancellationToken);
        var oursWorld = new SeededWorld(graph, [], [], new Dictionary<string, double>(), RunTag.Value);
        if (needsGraph)
        {
            if (options.ManifestPath is { } manifestPath && !options.Commands.Contains(ScenarioCatalog.Seed))
            {
                var manifest = await SeedManifest.LoadAsync(manifestPath);
                oursWorld = manifest.ToWorld(ours);
                graph = oursWorld.Graph;
                Console.WriteLine($"reusing the graph seeded at {manifest.CreatedAt:u} (run tag {manifest.RunTag}) from {manifestPath}");
            }
            else
            {
                oursWorld = await Seeder.SeedAsync(ours, graph, options, cancellationToken);
                seeds.Add(new SeedReport(ours.Name, graph.UserCount, graph.EdgeCount, graph.PostAuthors.Length, oursWorld.PhaseSeconds, graph.Describe()));
                if (options.Target != TargetKind.Embedded)
                {
                    var path = options.ManifestPath ?? Path.Combine(RunOptions.DefaultResultsDirectory(), $"seed-{options.Target.ToString().ToLowerInvariant()}.json");
                    await SeedManifest.From(options, oursWorld).SaveAsync(path);
                    Console.WriteLine($"seed manifest: {path} (reuse it with --manifest {path})");
                }
            }
        }

        await using var baseline = options.RedisBaseline && options.Commands.Any(ScenarioCatalog.HasBaseline)
            ? await RedisBaseline.ConnectAsync(options)
            : null;
        var baselineWorld = baseline is null ? null : await Seeder.SeedAsync(baseline, graph, options, cancellationToken);
        if (baseline is not null && baselineWorld is not null)
        {
            seeds.Add(new SeedReport(baseline.Name, graph.UserCount, graph.EdgeCount, graph.PostAuthors.Length, baselineWorld.PhaseSeconds, graph.Describe()));
        }

        foreach (var command in runnable)
        {
            var scenario = ScenarioCatalog.Create(command)!;
            var context = new ScenarioContext { Options = options, System = ours, World = oursWorld, Cancellation = cancellationToken };
            if (scenario.Unsupported(context) is { } reason)
            {
                Console.WriteLine($"{command}: {reason}");
                reports.Add(new ScenarioReport(command, scenario.Description, scenario.KeyMetric, [], null, [reason]));
                continue;
            }

            Console.WriteLine();
            Console.WriteLine($"== {command} on {ours.Name}");
            var results = new List<SystemResult>();
            var failures = new List<string>();
            await RunOneAsync(scenario, context, results, failures);
            if (baseline is not null && baselineWorld is not null && ScenarioCatalog.HasBaseline(command))
            {
                Console.WriteLine($"== {command} on {baseline.Name}");
                await RunOneAsync(scenario, new ScenarioContext { Options = options, System = baseline, World = baselineWorld, Cancellation = cancellationToken }, results, failures);
            }

            double? ratio = results.Count == 2 && results[0].IsOurs && !results[1].IsOurs && results[1].KeyValue > 0 ? results[0].KeyValue / results[1].KeyValue : null;
            var report = new ScenarioReport(command, scenario.Description, scenario.KeyMetric, results, ratio, failures);
            ConsoleReport.Print(report);
            reports.Add(report);
        }

        CompareHotSpot(reports, notes);
        await WriteAsync(options, startedAt, clock, seeds, reports, notes);
        return reports.Any(r => r.Notes.Any(n => n.Contains(" failed: ", StringComparison.Ordinal))) ? 1 : 0;
    }

    // One scenario on one system; a failure is reported with the scenario and the run goes on with the next.
    private static async Task RunOneAsync(Scenario scenario, ScenarioContext context, List<SystemResult> results, List<string> failures)
    {
        try
        {
            results.Add(await scenario.RunAsync(context));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.Cancellation.IsCancellationRequested)
        {
            var failure = $"{scenario.Name} on {context.System.Name} failed: {ex.GetType().Name}: {ex.Message}";
            Console.WriteLine($"error: {failure}");
            failures.Add(failure);
        }
    }

    private static async Task<ISystemUnderTest> CreateOursAsync(RunOptions options, CancellationToken cancellationToken)
    {
        switch (options.Target)
        {
            case TargetKind.Embedded:
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"starting an embedded silo (Feed:CelebrityThreshold={options.CelebrityThreshold})"));
                return await OurSystems.StartEmbeddedAsync(options, cancellationToken);
            case TargetKind.Cluster:
                return await OurSystems.ConnectClusterAsync(options, cancellationToken);
            default:
                var http = new HttpSystem(options.HttpTarget!, Math.Max(options.Concurrency, options.SeedParallelism) * 2);
                Console.WriteLine($"driving the Api at {options.HttpTarget} (it must run with RateLimits__Enabled=false Abuse__Enabled=false" +
                    (options.CelebrityThreshold == 10_000 ? ")" : $" and Feed__CelebrityThreshold={options.CelebrityThreshold})"));
                return http;
        }
    }

    // The target: celebrity-read should reach at least 0.8x the reads/s of feed-read.
    private static void CompareHotSpot(List<ScenarioReport> reports, List<string> notes)
    {
        var feed = reports.FirstOrDefault(r => r.Name == "feed-read")?.Results.FirstOrDefault(r => r.IsOurs);
        var celebrity = reports.FirstOrDefault(r => r.Name == "celebrity-read")?.Results.FirstOrDefault(r => r.IsOurs);
        if (feed is { KeyValue: > 0 } && celebrity is not null)
        {
            var note = string.Create(CultureInfo.InvariantCulture,
                $"ours: celebrity-read / feed-read = {celebrity.KeyValue:N0} / {feed.KeyValue:N0} reads/s = {celebrity.KeyValue / feed.KeyValue:F2}x (target >= 0.8x).");
            notes.Add(note);
            Console.WriteLine();
            Console.WriteLine(note);
        }
    }

    private static async Task WriteAsync(RunOptions options, DateTimeOffset startedAt, Stopwatch clock, List<SeedReport> seeds, List<ScenarioReport> reports, List<string> notes)
    {
        var report = new RunReport("Instagram.LoadTest", startedAt, clock.Elapsed.TotalSeconds, MachineInfo.Current(), options.RawArgs,
            options.TargetLabel, seeds, reports, notes);
        var (json, html) = await HtmlReport.WriteAsync(report, options.OutPath);
        Console.WriteLine();
        Console.WriteLine($"results: {json}");
        Console.WriteLine($"report:  {html}");
    }
}
