using System.Text.Json.Nodes;

namespace Instagram.Infra.Tests.Infrastructure;

/// <summary>
/// The bicep CLI from the Azure.Bicep.CommandLine.linux-x64 NuGet package (path compiled into the assembly), or
/// BICEP_PATH. Runs offline: only local modules are used, so nothing is restored from a registry.
/// </summary>
public static class Bicep
{
    /// <summary>Values the parameter files read with readEnvironmentVariable(); test values, not secrets.</summary>
    public static readonly IReadOnlyDictionary<string, string?> ParameterEnvironment = new Dictionary<string, string?>
    {
        ["IMAGE_TAG"] = "test-tag",
        ["POSTGRES_ADMIN_PASSWORD"] = "not-a-real-password-1",
        ["POSTGRES_APP_PASSWORD"] = "not-a-real-password-2",
        ["JWT_SIGNING_KEY"] = "not-a-real-signing-key-0123456789abcdef",
        ["DEPLOY_STAGE"] = null,
    };

    private static readonly Lazy<string> Executable = new(Locate);

    public static string Path => Executable.Value;

    public static Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] arguments) =>
        ProcessRunner.RunAsync(Path, arguments, workingDirectory, environment, TimeSpan.FromSeconds(90));

    /// <summary>Runs build-params on a parameter file and returns the "parameters" object of the result.</summary>
    public static async Task<JsonObject> BuildParamsAsync(string paramFile, IReadOnlyDictionary<string, string?> environment)
    {
        var result = await RunAsync(System.IO.Path.GetDirectoryName(paramFile)!, environment, "build-params", paramFile, "--stdout");
        Assert.True(result.ExitCode == 0 && result.StandardError.Length == 0, $"bicep build-params {paramFile}: {result.Output}");
        var envelope = JsonNode.Parse(result.StandardOutput)!.AsObject();
        var parameters = JsonNode.Parse(envelope["parametersJson"]!.GetValue<string>())!.AsObject();
        return parameters["parameters"]!.AsObject();
    }

    private static string Locate()
    {
        var path = Environment.GetEnvironmentVariable("BICEP_PATH") is { Length: > 0 } overridden ? overridden : Repo.Metadata("BicepPath");
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"bicep not found at '{path}'. Restore tests/Infra.Tests (package Azure.Bicep.CommandLine.linux-x64) or set BICEP_PATH.");
        }

        if (OperatingSystem.IsWindows())
        {
            return path;
        }

        // NuGet extracts with the archive's mode bits, which may lack x for this user.
        var mode = File.GetUnixFileMode(path);
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | execute);
        }

        return path;
    }
}
