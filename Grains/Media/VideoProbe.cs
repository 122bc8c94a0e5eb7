using System.Globalization;
using System.Text.Json;

namespace Instagram.Grains.Media;

/// <summary>
/// What ffprobe read from a video's headers (nothing decoded): the first video stream's coded size, its rotation,
/// frame rate and codec, the duration, and whether there is sound. <see cref="Width"/> and <see cref="Height"/> are
/// as displayed, rotation applied.
/// </summary>
public sealed record VideoProbe(int DurationMs, int CodedWidth, int CodedHeight, int Rotation, double FrameRate, string Codec, bool HasAudio)
{
    private bool Sideways => Math.Abs(Rotation % 180) == 90;

    public int Width => Sideways ? CodedHeight : CodedWidth;

    public int Height => Sideways ? CodedWidth : CodedHeight;

    /// <summary>The side the ladder's rungs are named after: the height of a landscape video, the width of a portrait one.</summary>
    public int ShortSide => Math.Min(Width, Height);

    /// <summary>Reads <c>ffprobe -print_format json -show_format -show_streams</c>.</summary>
    /// <exception cref="MediaRejectedException">There is no video stream, or no duration.</exception>
    public static VideoProbe Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var streams = root.TryGetProperty("streams", out var list) ? list.EnumerateArray().ToList() : [];
        // Cover art in an audio file is a "video" stream of one picture: it does not make the file a video.
        var video = streams.FirstOrDefault(s => Text(s, "codec_type") == "video" && !IsAttachedPicture(s));
        if (video.ValueKind == JsonValueKind.Undefined)
        {
            throw new MediaRejectedException("The file has no video stream.");
        }

        var seconds = Number(root.TryGetProperty("format", out var format) ? Text(format, "duration") : null) ?? Number(Text(video, "duration"))
            ?? throw new MediaRejectedException("The video's duration could not be read.");
        return new VideoProbe(
            (int)Math.Round(seconds * 1000),
            video.TryGetProperty("width", out var w) ? w.GetInt32() : 0,
            video.TryGetProperty("height", out var h) ? h.GetInt32() : 0,
            RotationOf(video),
            Rate(Text(video, "avg_frame_rate")) is > 0 and var avg ? avg : Rate(Text(video, "r_frame_rate")),
            Text(video, "codec_name") ?? "",
            streams.Any(s => Text(s, "codec_type") == "audio"));
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var disposition) && disposition.TryGetProperty("attached_pic", out var pic) && pic.GetInt32() == 1;

    // A display matrix (ffmpeg 5+) or the older "rotate" tag.
    private static int RotationOf(JsonElement stream)
    {
        if (stream.TryGetProperty("side_data_list", out var sideData))
        {
            foreach (var item in sideData.EnumerateArray())
            {
                if (item.TryGetProperty("rotation", out var rotation))
                {
                    return (int)Math.Round(rotation.GetDouble());
                }
            }
        }

        return stream.TryGetProperty("tags", out var tags) && Number(Text(tags, "rotate")) is { } tag ? (int)tag : 0;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static double Rate(string? fraction)
    {
        var parts = fraction?.Split('/');
        return parts is [var n, var d] && Number(n) is { } num && Number(d) is > 0 and var den ? num / den : 0;
    }
}
