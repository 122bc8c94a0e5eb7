using System.Net;
using System.Text;

namespace Instagram.LoadTest.Reporting;

/// <summary>
/// Line charts drawn as inline SVG by hand (no script, no library, no network): the latency-by-percentile chart on a
/// "nines" axis and a log latency axis, and the throughput-over-time chart.
/// </summary>
public static class SvgCharts
{
    public static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];

    private const int Width = 600;
    private const int Height = 340;
    private const int Left = 64;
    private const int Right = 34;
    private const int Top = 16;
    private const int Bottom = 48;
    private const double MaxNines = 5; // 99.999%

    public sealed record Series(string Label, string Color, bool Dashed, IReadOnlyList<(double X, double Y)> Points);

    /// <summary>Latency (ms, log scale) against percentile, x = log10(1 / (1 - p)): 0%, 90%, 99%, 99.9%... equally spaced.</summary>
    public static string LatencyByPercentile(string title, IReadOnlyList<Series> series)
    {
        var points = series.SelectMany(s => s.Points).Where(p => p.Y > 0).ToList();
        if (points.Count == 0)
        {
            return Empty(title);
        }

        var minLog = Math.Floor(Math.Log10(Math.Max(points.Min(p => p.Y), 0.001)));
        var maxLog = Math.Ceiling(Math.Log10(points.Max(p => p.Y)));
        if (maxLog <= minLog)
        {
            maxLog = minLog + 1;
        }

        double X(double percentile) => Left + (PlotWidth * Nines(percentile) / MaxNines);
        double Y(double ms) => Top + PlotHeight - (PlotHeight * (Math.Log10(Math.Max(ms, Math.Pow(10, minLog))) - minLog) / (maxLog - minLog));

        var svg = Start(title);
        for (var nines = 0; nines <= MaxNines; nines++)
        {
            var x = Left + (PlotWidth * nines / MaxNines);
            var label = nines == 0 ? "0%" : (100 - (100 / Math.Pow(10, nines))).ToString("0.#####", CultureInfo.InvariantCulture) + "%";
            GridLine(svg, x, Top, x, Top + PlotHeight);
            Text(svg, x, Top + PlotHeight + 16, label, "middle");
        }

        for (var decade = minLog; decade <= maxLog; decade++)
        {
            var y = Y(Math.Pow(10, decade));
            GridLine(svg, Left, y, Left + PlotWidth, y);
            Text(svg, Left - 6, y + 4, FormatMs(Math.Pow(10, decade)), "end");
        }

        Text(svg, Left + (PlotWidth / 2.0), Height - 8, "percentile", "middle");
        Text(svg, 14, Top + (PlotHeight / 2.0), "latency (ms, log)", "middle", rotate: true);
        foreach (var s in series)
        {
            Polyline(svg, s, s.Points.Where(p => p.X < 100).Select(p => (X(p.X), Y(p.Y))));
        }

        return End(svg);
    }

    /// <summary>Operations per second against seconds since the start of the measured run.</summary>
    public static string ThroughputOverTime(string title, string yLabel, IReadOnlyList<Series> series)
    {
        var points = series.SelectMany(s => s.Points).ToList();
        if (points.Count == 0)
        {
            return Empty(title);
        }

        var maxX = Math.Max(1, points.Max(p => p.X));
        var yStep = NiceStep(Math.Max(1, points.Max(p => p.Y)) / 5);
        var maxY = yStep * Math.Ceiling(Math.Max(1, points.Max(p => p.Y)) * 1.05 / yStep);
        var xStep = NiceStep(maxX / 8);

        double X(double s) => Left + (PlotWidth * s / maxX);
        double Y(double v) => Top + PlotHeight - (PlotHeight * v / maxY);

        var svg = Start(title);
        for (var v = 0.0; v <= maxY + (yStep / 2); v += yStep)
        {
            GridLine(svg, Left, Y(v), Left + PlotWidth, Y(v));
            Text(svg, Left - 6, Y(v) + 4, Compact(v), "end");
        }

        for (var s = 0.0; s <= maxX + (xStep / 2); s += xStep)
        {
            GridLine(svg, X(s), Top, X(s), Top + PlotHeight);
            Text(svg, X(s), Top + PlotHeight + 16, s.ToString("0.#", CultureInfo.InvariantCulture) + "s", "middle");
        }

        Text(svg, Left + (PlotWidth / 2.0), Height - 8, "time since start of the measured run", "middle");
        Text(svg, 14, Top + (PlotHeight / 2.0), yLabel, "middle", rotate: true);
        foreach (var s in series)
        {
            Polyline(svg, s, s.Points.Select(p => (X(p.X), Y(p.Y))));
        }

        return End(svg);
    }

    private static int PlotWidth => Width - Left - Right;

    private static int PlotHeight => Height - Top - Bottom;

    private static double Nines(double percentile) => percentile >= 100 ? MaxNines : Math.Min(MaxNines, Math.Log10(100 / (100 - percentile)));

    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(raw, 1e-9))));
        var fraction = raw / magnitude;
        return magnitude * (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10);
    }

    private static string Compact(double v) => v switch
    {
        >= 1_000_000 => (v / 1_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (v / 1_000).ToString("0.##", CultureInfo.InvariantCulture) + "k",
        _ => v.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private static string FormatMs(double ms) => ms.ToString(ms < 1 ? "0.###" : "0", CultureInfo.InvariantCulture);

    private static StringBuilder Start(string title)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{PlotWidth}\" height=\"{PlotHeight}\" fill=\"#fbfbfd\" stroke=\"#888\"/>");
        return svg;
    }

    private static string End(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static string Empty(string title) =>
        End(Start(title).Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#666\">no data</text>"));

    private static void GridLine(StringBuilder svg, double x1, double y1, double x2, double y2) =>
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x1:F1}\" y1=\"{y1:F1}\" x2=\"{x2:F1}\" y2=\"{y2:F1}\" stroke=\"#ddd\" stroke-width=\"1\"/>");

    private static void Text(StringBuilder svg, double x, double y, string text, string anchor, bool rotate = false) =>
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{x:F1}\" y=\"{y:F1}\" text-anchor=\"{anchor}\" font-size=\"11\" font-family=\"sans-serif\" fill=\"#333\"{(rotate ? $" transform=\"rotate(-90 {x:F1} {y:F1})\"" : "")}>{WebUtility.HtmlEncode(text)}</text>");

    private static void Polyline(StringBuilder svg, Series series, IEnumerable<(double X, double Y)> points)
    {
        var list = points.ToList();
        if (list.Count == 0)
        {
            return;
        }

        var coordinates = string.Join(' ', list.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:F1},{p.Y:F1}")));
        svg.Append(CultureInfo.InvariantCulture,
            $"<polyline fill=\"none\" stroke=\"{series.Color}\" stroke-width=\"2\"{(series.Dashed ? " stroke-dasharray=\"6 4\"" : "")} points=\"{coordinates}\"><title>{WebUtility.HtmlEncode(series.Label)}</title></polyline>");
        foreach (var (x, y) in list.Count <= 40 ? list : [])
        {
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:F1}\" cy=\"{y:F1}\" r=\"2.5\" fill=\"{series.Color}\"/>");
        }
    }
}
