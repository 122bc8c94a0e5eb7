using BenchmarkDotNet.Attributes;
using Instagram.Grains.Posts;

namespace Instagram.Benchmarks.Posts;

/// <summary>Hashtag and mention extraction, run on every post created.</summary>
[MemoryDiagnoser]
public class CaptionParserBenchmarks
{
    private const string Short = "Golden hour at the pier with @alice.w and @bob_b #sunset #beach #nofilter";

    // The longest caption accepted (2,200 characters) with 40 hashtags (30 are kept) and a dozen mentions.
    private static readonly string Long = BuildLong();

    [Params("short", "long")]
    public string Caption { get; set; } = "short";

    private string Text => Caption == "short" ? Short : Long;

    [Benchmark]
    public int Hashtags() => CaptionParser.Hashtags(Text).Length;

    [Benchmark]
    public int Mentions() => CaptionParser.Mentions(Text).Length;

    private static string BuildLong()
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; builder.Length < 2_200; i++)
        {
            builder.Append(i % 5 == 0 ? $"#tag{i} " : i % 11 == 0 ? $"@friend.{i} " : "lorem ipsum dolor sit amet ");
        }

        return builder.ToString()[..2_200];
    }
}
