namespace Instagram.LoadTest.Capacity;

/// <summary>One line of the plan: a figure, how it was computed, and the sources of every number that went into it.</summary>
public sealed record CapacityLine(string Section, string Name, double Value, string Unit, string Formula, IReadOnlyList<string> Sources);
