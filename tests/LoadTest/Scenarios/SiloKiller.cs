namespace Instagram.LoadTest.Scenarios;

/// <summary>Fault injection for cluster targets: a silo killed hard, as a crashed machine would leave it.</summary>
public static class SiloKiller
{
    public static async Task KillAfterAsync(int pid, TimeSpan after, string label)
    {
        await Task.Delay(after);
        try
        {
            using var silo = System.Diagnostics.Process.GetProcessById(pid);
            silo.Kill(); // SIGKILL: no graceful shutdown, no deactivation, nothing flushed
            Console.WriteLine($"  [{label}] killed silo {pid} {after.TotalSeconds:N0}s into the run");
        }
        catch (ArgumentException)
        {
            Console.WriteLine($"  [{label}] silo {pid} was not running; nothing killed");
        }
    }
}
