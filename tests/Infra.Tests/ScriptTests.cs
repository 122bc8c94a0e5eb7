using Instagram.Infra.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Instagram.Infra.Tests;

/// <summary>The deployment scripts at least parse (and pass shellcheck where it is installed).</summary>
public sealed class ScriptTests(ITestOutputHelper output)
{
    public static TheoryData<string> Scripts => new(
        new[] { "azure", "k8s" }
            .SelectMany(dir => Directory.GetFiles(Path.Combine(Repo.Root, "infra", dir), "*.sh", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(Repo.Root, path))
            .Order());

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task ScriptParses(string script)
    {
        var path = Path.Combine(Repo.Root, script);
        var shell = File.ReadLines(path).First().Contains("bash", StringComparison.Ordinal) ? "bash" : "sh";

        var syntax = await ProcessRunner.RunAsync(shell, ["-n", path], Repo.Root);
        Assert.True(syntax.ExitCode == 0, syntax.Output);

        if (ProcessRunner.FindOnPath("shellcheck") is { } shellcheck)
        {
            var lint = await ProcessRunner.RunAsync(shellcheck, [path], Repo.Root);
            Assert.True(lint.ExitCode == 0, lint.Output);
        }
        else
        {
            output.WriteLine("shellcheck is not installed: syntax check only.");
        }
    }
}
