namespace Instagram.Infra.Tests.Infrastructure;

/// <summary>Stand-ins for what only exists after a deployment (addresses, ids, secret values). None is real.</summary>
public static class Samples
{
    public const string ClusterId = "instagram-test";
    public const string EnvironmentIp = "10.60.0.62";
    public const string IngressNetwork = "10.60.2.0/23";
    public const string PodIp = "10.244.1.17";
    public const string BlobEndpoint = "https://stinstatestabc123.blob.core.windows.net/";
    public const string EventHubsNamespace = "evhns-insta-test-abc123.servicebus.windows.net";
    public const string IdentityClientId = "2f0e8c1a-6d0b-4c39-9d3e-0a6f5b1c2d3e";
    public const string AppInsightsConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/";

    /// <summary>Values of the Container Apps secrets (Key Vault secret names) the containers reference.</summary>
    public static readonly IReadOnlyDictionary<string, string> KeyVaultSecrets = new Dictionary<string, string>
    {
        ["postgres-connection-string"] = "Host=psql.example.invalid;Database=instagram;Username=u;Password=p;SSL Mode=VerifyFull",
        ["postgres-password"] = "p",
        ["postgres-app-password"] = "q",
        ["redis-connection-string"] = "redis.example.invalid:6380,password=p,ssl=True,abortConnect=False",
        ["jwt-signing-key"] = "test-signing-key-test-signing-key-test-signing-key",
    };

    /// <summary>What the downward API would put into a silo pod.</summary>
    public static readonly IReadOnlyDictionary<string, string> PodFields = new Dictionary<string, string>
    {
        ["metadata.name"] = "instagram-silo-7d9c5b7f6-x2x9q",
        ["metadata.namespace"] = "instagram-dev",
        ["status.podIP"] = PodIp,
    };
}
