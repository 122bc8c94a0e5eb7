using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Instagram.Grains.Media;

/// <summary>
/// Runs Debian's <c>ffmpeg</c> and <c>ffprobe</c> (found on PATH) with an argument list, never a command line a shell
/// or an upload's name could bend, under a timeout and a cancellation token; the process is killed when either ends.
/// </summary>
public sealed class FfmpegRunner
{
    public const string NotInstalled = "ffmpeg is not installed on this silo";

    /// <summary>What the tool wrote and how it ended; stderr keeps only its tail (ffmpeg is chatty).</summary>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>Runs <paramref name="tool"/> in <paramref name="workingDirectory"/> (null: this process's).</summary>
    /// <exception cref="MediaRejectedException">The tool is not installed (no attempt on this silo can succeed).</exception>
    /// <exception cref="TimeoutException">The run took longer than <paramref name="timeout"/>.</exception>
    public async Task<Result> RunAsync(string tool, IEnumerable<string> arguments, string? workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // ffmpeg reads stdin for commands; give it an empty one
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new MediaRejectedException(NotInstalled, ex);
        }

        process.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = ReadTailAsync(process.StandardError, deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return new Result(process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{tool} ran longer than {timeout}.");
        }
    }

    // Keeps the last few KiB: the reason for a failure is at the end.
    private static async Task<string> ReadTailAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        const int Keep = 4096;
        var tail = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            tail.Append(buffer, 0, read);
            if (tail.Length > 2 * Keep)
            {
                tail.Remove(0, tail.Length - Keep);
            }
        }

        return tail.Length > Keep ? tail.ToString(tail.Length - Keep, Keep) : tail.ToString();
    }
}
