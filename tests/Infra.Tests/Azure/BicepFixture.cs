using System.Text.Json.Nodes;
using Instagram.Infra.Tests.Infrastructure;

namespace Instagram.Infra.Tests.Azure;

/// <summary>Test classes that share one <see cref="BicepFixture"/> (bicep runs are the slow part of this project).</summary>
[CollectionDefinition(Name)]
public sealed class BicepCollection : ICollectionFixture<BicepFixture>
{
    public const string Name = "bicep";
}

/// <summary>
/// Compiles infra/azure/main.bicep once, and evaluates the env-building functions of modules/app-settings.bicep (the
/// ones main.bicep uses for every container) with sample arguments through a throwaway .bicepparam file.
/// </summary>
public sealed class BicepFixture : IAsyncLifetime
{
    /// <summary>Silo numbers whose environment is evaluated.</summary>
    public static readonly int[] SiloIndexes = [0, 3];

    private string _work = "";

    public ProcessResult Build { get; private set; } = null!;

    /// <summary>The compiled ARM template (main.json).</summary>
    public JsonObject Template { get; private set; } = null!;

    /// <summary>A password with every character that could break a connection string.</summary>
    public const string AwkwardPassword = "p;a\"ss=w'rd";

    /// <summary>What main.bicep passes by default (streamsProvider=RedisStreams) and with streamsProvider=EventHubs.</summary>
    private const string RedisStreams = "streamsEnv('RedisStreams', '', 'orleans-streams', 'silos', 8)";
    private static readonly string EventHubs = $"streamsEnv('EventHubs', '{Samples.EventHubsNamespace}', 'orleans-streams', 'silos', 8)";

    /// <summary>
    /// Evaluated parameters: silo{i}, api (default streams), eventHubsSilo and eventHubsApi (streamsProvider=EventHubs),
    /// siloPorts, gatewayPorts, shared, postgres, redis.
    /// </summary>
    public JsonObject Evaluated { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _work = Directory.CreateTempSubdirectory("infra-tests-").FullName;
        var build = Bicep.RunAsync(Repo.Azure, null, "build", Path.Combine(Repo.Azure, "main.bicep"), "--outdir", _work);
        var evaluate = Bicep.BuildParamsAsync(WriteEvaluationFile(), new Dictionary<string, string?>());
        Build = await build;
        var compiled = Path.Combine(_work, "main.json");
        Template = File.Exists(compiled) ? JsonNode.Parse(await File.ReadAllTextAsync(compiled))!.AsObject() : [];
        Evaluated = await evaluate;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The env list of an evaluated container as name → entry (value or secretRef).</summary>
    public IReadOnlyList<JsonObject> Env(string parameter) =>
        Evaluated[parameter]!["value"]!.AsArray().Select(e => e!.AsObject()).ToList();

    public IReadOnlyList<int> Ints(string parameter) =>
        Evaluated[parameter]!["value"]!.AsArray().Select(e => e!.GetValue<int>()).ToList();

    private string WriteEvaluationFile()
    {
        var settings = Path.GetRelativePath(_work, Path.Combine(Repo.Azure, "modules", "app-settings.bicep")).Replace('\\', '/');
        var args = $"'{Samples.BlobEndpoint}', '{Samples.IdentityClientId}', '{Samples.AppInsightsConnectionString}'";
        var lines = new List<string>
        {
            "using none",
            $"import {{ siloEnv, apiEnv, streamsEnv, siloPort, gatewayPort, sharedSettings, postgresConnectionString, redisConnectionString }} from '{settings}'",
            $"param api = apiEnv('{Samples.ClusterId}', {args}, '{Samples.IngressNetwork}', {RedisStreams})",
            $"param eventHubsSilo = siloEnv(0, '{Samples.ClusterId}', '{Samples.EnvironmentIp}', {args}, {EventHubs})",
            $"param eventHubsApi = apiEnv('{Samples.ClusterId}', {args}, '{Samples.IngressNetwork}', {EventHubs})",
            "param siloPorts = map(range(0, 100), i => siloPort(i))",
            "param gatewayPorts = map(range(0, 100), i => gatewayPort(i))",
            "param shared = sharedSettings",
            $"param postgres = postgresConnectionString('psql-x.postgres.database.azure.com', 'instagram', 'instagram_admin', '{AwkwardPassword.Replace("'", "\\'")}', 8)",
            "param redis = redisConnectionString('redis-x.redis.cache.windows.net', 6380, 'k3y=')",
        };
        lines.AddRange(SiloIndexes.Select(i => $"param silo{i} = siloEnv({i}, '{Samples.ClusterId}', '{Samples.EnvironmentIp}', {args}, {RedisStreams})"));
        var file = Path.Combine(_work, "evaluate.bicepparam");
        File.WriteAllLines(file, lines);
        return file;
    }
}
