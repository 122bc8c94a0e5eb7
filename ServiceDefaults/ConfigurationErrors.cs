using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Instagram.ServiceDefaults;

/// <summary>
/// A configuration value the process cannot use (out of range, not one of the allowed names, a key too short) ends it
/// with one line naming the key and exit code 2, the code an unreachable database already gives, instead of a stack
/// trace and an abort.
/// </summary>
public static class ConfigurationErrors
{
    public const int ExitCode = 2;

    /// <summary>
    /// Runs <paramref name="run"/>: configure, build and start a host. Call <see cref="ValidateOptions"/> on the built
    /// host before starting it, so validation fails here rather than inside the host's start (which logs it with a
    /// stack trace first).
    /// </summary>
    public static async Task<int> RunAsync(string processName, Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception ex) when (Describe(ex) is { } problem)
        {
            await Console.Error.WriteLineAsync($"{processName}: configuration error: {problem}");
            return ExitCode;
        }
    }

    /// <summary>Validates every options type registered to be validated on start.</summary>
    public static void ValidateOptions(IHost host) => host.Services.GetService<IStartupValidator>()?.Validate();

    private static string? Describe(Exception ex) => ex switch
    {
        OptionsValidationException validation => validation.Message,
        MissingSettingException missing => missing.Message,
        // The configuration binder's own words name the key and the value: "Failed to convert configuration value ...".
        InvalidOperationException { Message: var message } when message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => message,
        AggregateException aggregate => DescribeAll(aggregate.InnerExceptions),
        _ => null,
    };

    // Several bad values at once are still one line; anything else among them is not a configuration error.
    private static string? DescribeAll(IEnumerable<Exception> exceptions)
    {
        var problems = exceptions.Select(Describe).ToList();
        // Distinct: one bad value can surface twice (an options type whose configuration reads another, invalid one).
        return problems.Count > 0 && problems.All(p => p is not null) ? string.Join("; ", problems.Distinct()) : null;
    }
}
