using System.Diagnostics;
using System.Text.Json;

namespace Instagram.Tests.Shared;

/// <summary>
/// Video clips made at test time with ffmpeg's test sources (<c>testsrc2</c> pictures, a <c>sine</c> tone), and
/// ffprobe to inspect what the pipeline wrote. Tests using them carry <c>[Trait("Category", "Video")]</c>.
/// </summary>
public static class TestVideos
{
    /// <summary>An H.264/AAC MP4 of <paramref name="seconds"/> at <paramref name="width"/>x<paramref name="height"/>, with sound unless told.</summary>
    public static byte[] Mp4(int width, int height, double seconds, bool audio = true, int rate = 30, params string[] extra) =>
        Make(file => [
            "-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate={rate}",
            .. audio ? new[] { "-f", "lavfi", "-i", "sine=frequency=440" } : [],
            "-t", Seconds(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            .. audio ? new[] { "-c:a", "aac" } : [], .. extra, file,
        ]);

    /// <summary>A landscape clip whose container says "display rotated by 90 degrees" (as a phone held upright writes).</summary>
    public static byte[] Rotated(int width, int height, double seconds) =>
        Remux(Mp4(width, height, seconds), "-metadata:s:v:0", "rotate=90");

    /// <summary>A clip carrying a GPS position in its <c>location</c> tag, as phones write it.</summary>
    public static byte[] WithLocation(int width, int height, double seconds) =>
        Mp4(width, height, seconds, extra: ["-metadata", $"location={Location}"]);

    public const string Location = "+51.5074-000.1278/";

    /// <summary>An MP4 with only a sound track.</summary>
    public static byte[] AudioOnly(double seconds) =>
        Make(file => ["-f", "lavfi", "-i", "sine=frequency=440", "-t", Seconds(seconds), "-c:a", "aac", file]);

    /// <summary>A WebM (VP9 in EBML) clip.</summary>
    public static byte[] WebM(int width, int height, double seconds) =>
        Make(file => ["-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate=15", "-t", Seconds(seconds), "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", file], ".webm");

    /// <summary>ffprobe's JSON (format, streams) for <paramref name="bytes"/>.</summary>
    public static JsonDocument Probe(byte[] bytes, string extension = ".mp4")
    {
        var file = Path.Combine(Path.GetTempPath(), $"probe-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(file, bytes);
        try
        {
            return JsonDocument.Parse(Run("ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file]));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static byte[] Remux(byte[] source, params string[] options) =>
        Make(file =>
        {
            var input = file + ".in.mp4";
            File.WriteAllBytes(input, source);
            return ["-i", input, "-c", "copy", .. options, file];
        });

    private static byte[] Make(Func<string, string[]> arguments, string extension = ".mp4")
    {
        var directory = Directory.CreateTempSubdirectory("test-video-");
        try
        {
            var file = Path.Combine(directory.FullName, "clip" + extension);
            Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", .. arguments(file)]);
            return File.ReadAllBytes(file);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Run(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"{tool} failed: {error}");
    }

    private static string Seconds(double seconds) => seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
