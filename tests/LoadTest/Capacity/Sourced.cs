namespace Instagram.LoadTest.Capacity;

/// <summary>
/// A number and where it came from (a result file and the field it was read from, a seed article, a README figure or
/// a flag): every line of the capacity table names its inputs, so a reader can tell measurement from assumption.
/// </summary>
public readonly record struct Sourced(double Value, string Source)
{
    public static Sourced Assumed(double value, string why) => new(value, $"assumption: {why}");

    public static Sourced Flag(double value, string flag) => new(value, $"command line {flag}");
}
