namespace Instagram.LoadTest.Cli;

/// <summary>A bad command line or environment: printed without a stack trace, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
