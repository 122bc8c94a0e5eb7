using Instagram.Grains.Media;
using Instagram.Grains.Posts;
using Instagram.LoadTest.Reporting;
using Instagram.LoadTest.Systems;
using Instagram.Tests.Shared;

namespace Instagram.LoadTest.Scenarios;

/// <summary>
/// The video pipeline end to end, one clip after another (the silo transcodes one video at a time by default): a
/// <see cref="ClipSeconds"/> s 1080p H.264/AAC MP4 (ffmpeg's testsrc2 and a sine tone, made once at the start) is
/// uploaded through the media grain's Api route, as the Api does (an upload slot, then chunks of the ticket's size),
/// a post is created with it, and the post is polled until it is published. Per clip: <c>upload</c> (the chunks),
/// <c>processing</c> (the last chunk until published) and <c>upload to published</c>. The key figure is seconds of
/// video transcoded per second of wall time; per core-second divides it by the CPU burnt, ffmpeg's included (the
/// finished child processes of this process, or of <c>--server-pid</c> on a cluster).
/// </summary>
public sealed class VideoScenario : Scenario
{
    private static readonly TimeSpan ClipTimeLimit = TimeSpan.FromMinutes(10);

    public override string Name => "video";

    public override string Description =>
        "1080p H.264/AAC clips uploaded in chunks through the media grain, posted, and polled until published, one after another.";

    public override string KeyMetric => "video seconds transcoded/s";

    public override string? Unsupported(ScenarioContext context) =>
        context.System is GrainSystem ? null : "video uploads through the media grain: --target embedded or cluster";

    public override async Task<SystemResult> RunAsync(ScenarioContext context)
    {
        var system = (GrainSystem)context.System;
        var grains = system.Grains;
        var options = context.Options;
        var ct = context.Cancellation;
        var label = context.Label(Name);

        var made = Stopwatch.GetTimestamp();
        var clip = TestVideos.Mp4(1920, 1080, options.VideoSeconds);
        Console.WriteLine($"  [{label}] made a {options.VideoSeconds} s 1920x1080 H.264/AAC clip of {clip.Length / 1_048_576.0:N1} MB in {Stopwatch.GetElapsedTime(made).TotalSeconds:N1}s; {options.Videos} clip(s), one at a time");
        var owner = await system.CreateUserAsync(options.Users + options.BigAuthorFollowers + RunOptions.Bounds.MaxFeedMemoryReaders + 100, ct);

        var recorder = new Recorder();
        var sampler = new ResourceSampler(options.ServerPid);
        var childCpuAtStart = ChildCpuSeconds(Environment.ProcessId);
        var serverChildCpuAtStart = options.ServerPid is { } server ? ChildCpuSeconds(server) : null;
        var started = Stopwatch.GetTimestamp();
        var videoMs = 0L;
        var published = 0;
        var notes = new List<string>();
        for (var i = 0; i < options.Videos && !ct.IsCancellationRequested; i++)
        {
            var clipStarted = Stopwatch.GetTimestamp();
            var mediaId = system.Ids.NextId();
            var media = grains.GetGrain<IMediaGrain>(mediaId);
            var ticket = await media.CreateUploadAsync(new MediaUploadSlot(owner, VideoFormat.Mp4, clip.Length,
                DateTimeOffset.UtcNow.AddMinutes(15), Completed: false, Route: MediaUploadRoute.Api));
            var step = ticket.ChunkSize > 0 ? (int)Math.Min(ticket.ChunkSize, int.MaxValue) : clip.Length;
            for (var offset = 0; offset < clip.Length; offset += step)
            {
                await media.ReceiveChunkAsync(new UploadChunk(offset, clip.Length, clip[offset..Math.Min(offset + step, clip.Length)]));
            }

            var uploaded = Stopwatch.GetTimestamp();
            recorder.RecordInterval("upload", Stopwatch.GetElapsedTime(clipStarted));
            var post = grains.GetGrain<IPostGrain>(system.Ids.NextId());
            await post.CreateAsync(new NewPost(owner, $"video {i + 1}", [mediaId], null));
            var details = await post.GetDetailsAsync();
            while (details?.Status is PostStatus.Processing && Stopwatch.GetElapsedTime(clipStarted) < ClipTimeLimit)
            {
                await Task.Delay(100, ct);
                details = await post.GetDetailsAsync();
            }

            var total = Stopwatch.GetElapsedTime(clipStarted);
            if (details?.Status is not PostStatus.Published)
            {
                var why = details?.Status is PostStatus.Failed ? $"failed: {details.FailureReason}" : $"not published after {ClipTimeLimit.TotalMinutes:N0} min";
                recorder.RecordError("upload to published", details?.Status is PostStatus.Failed ? "failed" : "timeout");
                notes.Add($"clip {i + 1} {why}");
                Console.WriteLine($"  [{label}] clip {i + 1}/{options.Videos}: {why}");
                continue;
            }

            var duration = details.Media[0].Video?.DurationMs ?? 0;
            videoMs += duration;
            published++;
            recorder.RecordInterval("processing", Stopwatch.GetElapsedTime(uploaded));
            recorder.RecordInterval("upload to published", total);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  [{label}] clip {i + 1}/{options.Videos}: {duration / 1000.0:N1} s of video, upload {Stopwatch.GetElapsedTime(clipStarted, uploaded).TotalMilliseconds:N0} ms, upload to published {total.TotalMilliseconds:N0} ms"));
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var ffmpegCpu = ChildCpuSeconds(Environment.ProcessId) - childCpuAtStart ?? 0;
        var serverFfmpegCpu = options.ServerPid is { } pid && ChildCpuSeconds(pid) is { } after && serverChildCpuAtStart is { } before ? after - before : (double?)null;
        var resources = sampler.Finish();

        // ffmpeg runs as child processes of the silo: their CPU (counted once each one exits) goes with the silo's.
        resources = resources with
        {
            CpuSeconds = resources.CpuSeconds + ffmpegCpu,
            CpuCoresUsed = seconds > 0 ? (resources.CpuSeconds + ffmpegCpu) / seconds : 0,
            CpuPercentOfMachine = seconds > 0 ? 100 * (resources.CpuSeconds + ffmpegCpu) / seconds / Environment.ProcessorCount : 0,
            ServerCpuSeconds = resources.ServerCpuSeconds + serverFfmpegCpu,
            ServerCpuCoresUsed = resources.ServerCpuSeconds + serverFfmpegCpu is { } s && seconds > 0 ? s / seconds : resources.ServerCpuCoresUsed,
        };
        var videoSeconds = videoMs / 1000.0;
        var perWallSecond = seconds > 0 ? videoSeconds / seconds : 0;
        var coreSeconds = resources.CpuSeconds + (resources.ServerCpuSeconds ?? 0);
        var perCoreSecond = coreSeconds > 0 ? videoSeconds / coreSeconds : 0;
        var metrics = new Dictionary<string, double>
        {
            ["videos"] = published,
            ["videoSeconds"] = videoSeconds,
            ["clipBytes"] = clip.Length,
            ["ffmpegCpuSeconds"] = ffmpegCpu + (serverFfmpegCpu ?? 0),
            ["videoSecondsPerWallSecond"] = perWallSecond,
            ["videoSecondsPerCoreSecond"] = perCoreSecond,
        };
        notes.Insert(0, string.Create(CultureInfo.InvariantCulture,
            $"{published} of {options.Videos} clips of {options.VideoSeconds} s 1080p published: {videoSeconds:N1} s of video in {seconds:N1} s of wall time = {perWallSecond:N3} video s per wall s; {coreSeconds:N1} core-seconds burnt ({ffmpegCpu + (serverFfmpegCpu ?? 0):N1} of them ffmpeg's) = {perCoreSecond:N3} video s per core-second."));
        if (context.System.Name != "orleans-embedded" && options.ServerPid is null)
        {
            notes.Add("No --server-pid: the silo's CPU (ffmpeg's included) is not counted, so per core-second is not meaningful.");
        }

        foreach (var note in notes)
        {
            Console.WriteLine($"  [{label}] {note}");
        }

        return BuildResult(context, recorder, "upload to published", seconds, perWallSecond, [], resources,
            new Dictionary<string, double>(), new Dictionary<string, double>(), notes, metrics);
    }

    /// <summary>CPU seconds of a process's finished (waited-for) children: cutime + cstime in /proc/PID/stat (Linux).</summary>
    private static double? ChildCpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0; // USER_HZ
        }
        catch (IOException)
        {
            return null;
        }
    }
}
