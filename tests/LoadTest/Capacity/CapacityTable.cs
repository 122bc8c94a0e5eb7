using System.Globalization;

namespace Instagram.LoadTest.Capacity;

/// <summary>Prints the plan: the per-action costs it used, every line with its formula and sources, the cost drivers.</summary>
public static class CapacityTable
{
    public static void Write(TextWriter output, TrafficMix mix, MeasuredCosts costs, CapacityPlan plan, int runs, IEnumerable<string> paths, IReadOnlyList<string> problems)
    {
        output.WriteLine($"capacity for {Format(mix.DailyActiveUsers.Value, "")}daily active users, from {runs} measured system result(s) in {string.Join(", ", paths)}");
        output.WriteLine();
        output.WriteLine("measured cost per action (median of the newest runs; see docs/capacity.md for how each is derived)");
        foreach (var cost in MeasuredCosts.Operations.Select(costs.Cost))
        {
            Cost(output, cost.Operation, "silo core-seconds", cost.SiloCoreSeconds);
            Cost(output, cost.Operation, "PostgreSQL core-seconds", cost.PostgresCoreSeconds);
            Cost(output, cost.Operation, "PostgreSQL row writes", cost.PostgresRowWrites);
            Cost(output, cost.Operation, "Redis core-seconds", cost.RedisCoreSeconds);
            Cost(output, cost.Operation, "Redis commands", cost.RedisCommands);
            Cost(output, cost.Operation, "bytes stored", cost.StoredBytes);
        }

        Cost(output, "fan-out runs", "followers per post", costs.FollowersPerPostMeasured);
        Cost(output, "activation", "bytes", costs.BytesPerActivation);
        Cost(output, "online user", "activations", costs.ActivationsPerOnlineUser);
        Cost(output, "full FeedGrain", "bytes", costs.FullFeedGrainBytes);
        Cost(output, "Api request", "core-seconds", costs.ApiCoreSecondsPerRequest);
        Cost(output, "PostgreSQL", "row writes per core-second", costs.PostgresRowWritesPerCoreSecond);
        Cost(output, "Redis", "commands per core-second", costs.RedisCommandsPerCoreSecond);

        foreach (var section in plan.Lines.GroupBy(l => l.Section))
        {
            output.WriteLine();
            output.WriteLine(section.Key);
            foreach (var line in section)
            {
                output.WriteLine($"  {line.Name,-42} {Format(line.Value, line.Unit),16}   = {line.Formula}");
                foreach (var source in line.Sources)
                {
                    output.WriteLine($"  {"",-42} {"",16}     from {source}");
                }
            }
        }

        output.WriteLine();
        output.WriteLine("cost drivers at the peak (share of each resource)");
        foreach (var driver in plan.Drivers.OrderBy(d => d.Resource, StringComparer.Ordinal).ThenByDescending(d => d.Amount))
        {
            output.WriteLine($"  {driver.Resource,-16} {driver.Operation,-16} {Format(driver.Amount, driver.Unit),12} {driver.Share,7:P0}");
        }

        foreach (var note in plan.Missing.Concat(problems))
        {
            output.WriteLine($"  note: {note}");
        }
    }

    private static void Cost(TextWriter output, string what, string unit, Sourced? value) =>
        output.WriteLine(value is { } v
            ? $"  {what,-16} {unit,-26} {v.Value.ToString("G4", CultureInfo.InvariantCulture),12}   from {v.Source}"
            : $"  {what,-16} {unit,-26} {"-",12}   not measured");

    /// <summary>Bytes in SI units, counts with thousands separators, cores with one decimal.</summary>
    public static string Format(double value, string unit) => unit switch
    {
        "bytes" when value >= 1e12 => string.Create(CultureInfo.InvariantCulture, $"{value / 1e12:N1} TB"),
        "bytes" when value >= 1e9 => string.Create(CultureInfo.InvariantCulture, $"{value / 1e9:N1} GB"),
        "bytes" when value >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{value / 1e6:N1} MB"),
        "bytes" => string.Create(CultureInfo.InvariantCulture, $"{value:N0} B"),
        "cores" => string.Create(CultureInfo.InvariantCulture, $"{value:N1} cores"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:N0} {unit}"),
    };
}
