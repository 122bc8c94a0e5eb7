using Instagram.LoadTest.Capacity;
using static Instagram.Infra.Tests.Capacity.ResultFileWriter;

namespace Instagram.Infra.Tests.Capacity;

public sealed class CapacityCommandTests : IDisposable
{
    private readonly ResultFileWriter _files = new();

    [Fact]
    public void PrintsThePlanWithTheFilesItRestsOn()
    {
        _files.Write("feed-read-run.json", DateTimeOffset.UnixEpoch, "embedded", Scenario("feed-read",
            Ours(10, 1_000, new() { ["read"] = 10_000 }, 5, null, new() { ["activations"] = 300, ["activations.FeedGrain"] = 100, ["bytesPerActivation"] = 2_000 })));
        _files.Write("fanout-run.json", DateTimeOffset.UnixEpoch, "embedded", Scenario("fanout",
            Ours(10, 5_000, new() { ["publish"] = 500 }, 4, null, new() { ["deliveries"] = 50_000, ["meanFollowersPerPost"] = 100 })));
        var output = new StringWriter();

        var exit = CapacityCommand.Run(["--dau", "1000000", "--results", _files.Folder.FullName, "--silo-cores", "4"], output);

        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("feed-read-run.json", text, StringComparison.Ordinal);
        Assert.Contains("fanout-run.json", text, StringComparison.Ordinal);
        Assert.Contains("command line --dau", text, StringComparison.Ordinal);
        Assert.Matches(@"silos\s+\d+ silos", text);
    }

    [Fact]
    public void RefusesANonPositiveNumber()
    {
        var output = new StringWriter();

        var exit = CapacityCommand.Run(["--dau", "-5", "--results", _files.Folder.FullName], output);

        Assert.Equal(2, exit);
        Assert.Contains("--dau needs a positive number", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
