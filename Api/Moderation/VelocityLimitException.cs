namespace Instagram.Api.Moderation;

/// <summary>A bot-speed limit that passes with time: answered 429 with <see cref="RetryAfter"/> by the exception handler.</summary>
public sealed class VelocityLimitException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
