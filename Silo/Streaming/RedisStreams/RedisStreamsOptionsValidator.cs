using StackExchange.Redis;

namespace Instagram.Silo.Streaming.RedisStreams;

/// <summary>
/// Rejects unusable <see cref="RedisStreamsOptions"/> when the silo or client starts, rather than on the first
/// event, and names the provider so a host with several providers says which one is wrong.
/// </summary>
internal sealed class RedisStreamsOptionsValidator(RedisStreamsOptions options, string providerName) : IConfigurationValidator
{
    public static IConfigurationValidator Create(IServiceProvider services, string providerName) =>
        new RedisStreamsOptionsValidator(services.GetOptionsByName<RedisStreamsOptions>(providerName), providerName);

    public void ValidateConfiguration()
    {
        var errors = new List<string>();

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add($"{nameof(RedisStreamsOptions.ConnectionString)} is required");
        }
        else
        {
            try
            {
                if (ConfigurationOptions.Parse(options.ConnectionString).EndPoints.Count == 0)
                {
                    errors.Add($"{nameof(RedisStreamsOptions.ConnectionString)} names no Redis endpoint");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                // The parser's message can quote the string, and the string can hold a password.
                errors.Add($"{nameof(RedisStreamsOptions.ConnectionString)} is not a valid StackExchange.Redis configuration string");
            }
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix) || options.KeyPrefix.Any(char.IsWhiteSpace))
        {
            errors.Add($"{nameof(RedisStreamsOptions.KeyPrefix)} must be non-empty and contain no whitespace");
        }

        if (options.QueueCount is < 1 or > 4096)
        {
            errors.Add($"{nameof(RedisStreamsOptions.QueueCount)} must be between 1 and 4096 (is {options.QueueCount})");
        }

        if (options.MaxStreamLength < 1)
        {
            errors.Add($"{nameof(RedisStreamsOptions.MaxStreamLength)} must be positive (is {options.MaxStreamLength})");
        }

        if (options.ConsumerGroup is not null && string.IsNullOrWhiteSpace(options.ConsumerGroup))
        {
            errors.Add($"{nameof(RedisStreamsOptions.ConsumerGroup)} must be null (derived) or a non-blank name");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            errors.Add($"{nameof(RedisStreamsOptions.BatchSize)} must be between 1 and 10000 (is {options.BatchSize})");
        }

        if (options.ClaimIdleTime <= TimeSpan.Zero || options.ClaimIdleTime > TimeSpan.FromDays(1))
        {
            errors.Add($"{nameof(RedisStreamsOptions.ClaimIdleTime)} must be positive and at most one day (is {options.ClaimIdleTime})");
        }

        if (options.CacheSize < 1)
        {
            errors.Add($"{nameof(RedisStreamsOptions.CacheSize)} must be positive (is {options.CacheSize})");
        }

        if (errors.Count > 0)
        {
            throw new OrleansConfigurationException(
                $"Redis stream provider '{providerName}' is misconfigured: {string.Join("; ", errors)}.");
        }
    }
}
