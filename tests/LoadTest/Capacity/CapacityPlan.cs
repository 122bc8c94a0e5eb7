namespace Instagram.LoadTest.Capacity;

/// <summary>The model's answer: every line in order, the cost drivers ranked, and what could not be counted.</summary>
public sealed record CapacityPlan(IReadOnlyList<CapacityLine> Lines, IReadOnlyList<CostDriver> Drivers, IReadOnlyList<string> Missing)
{
    public CapacityLine Line(string name) =>
        Lines.FirstOrDefault(l => l.Name == name) ?? throw new KeyNotFoundException($"The plan has no line '{name}'.");

    public double Value(string name) => Line(name).Value;
}

/// <summary>How much of one resource one kind of action takes at the peak (share of that resource's total).</summary>
public sealed record CostDriver(string Resource, string Operation, double Amount, string Unit, double Share);
