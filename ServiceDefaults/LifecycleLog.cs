using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Instagram.ServiceDefaults;

/// <summary>
/// One line when the process starts, one when it is ready (every hosted service, the silo or the web server, has
/// started), one when it begins to stop and one when it has stopped, each naming what it runs as.
/// </summary>
internal sealed partial class LifecycleLog(string process, string description, IHostApplicationLifetime lifetime, ILogger<LifecycleLog> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogStarting(process, description);
        lifetime.ApplicationStarted.Register(() => LogReady(process, description));
        lifetime.ApplicationStopping.Register(() => LogStopping(process));
        lifetime.ApplicationStopped.Register(() => LogStopped(process));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Process} starting: {Description}")]
    private partial void LogStarting(string process, string description);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Process} ready: {Description}")]
    private partial void LogReady(string process, string description);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Process} stopping")]
    private partial void LogStopping(string process);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Process} stopped")]
    private partial void LogStopped(string process);
}
