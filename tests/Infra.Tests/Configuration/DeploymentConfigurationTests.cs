using System.Net;
using System.Text.Json.Nodes;
using Instagram.Api.Auth;
using Instagram.Api.Infrastructure.Proxies;
using Instagram.Api.Infrastructure.RateLimiting;
using Instagram.Grains.Common;
using Instagram.Grains.Feed;
using Instagram.Infra.Tests.Azure;
using Instagram.Infra.Tests.Infrastructure;
using Instagram.Silo.Hosting;
using Instagram.Silo.Streaming;
using Instagram.Silo.Streaming.EventHubs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Instagram.Infra.Tests.Configuration;

/// <summary>
/// The environment variables each deployment gives the silo and Api containers bind to the apps' options. The
/// Kubernetes side is read from the manifests (ConfigMap generator, downward API, secret references); the Azure side
/// is the output of the very Bicep functions main.bicep uses, evaluated by bicep. Both must set the same keys.
/// </summary>
[Collection(BicepCollection.Name)]
public sealed class DeploymentConfigurationTests(BicepFixture bicep)
{
    /// <summary>Configuration keys (env form) without which a Cluster-profile silo cannot start.</summary>
    private static readonly string[] RequiredSiloKeys =
    [
        "Orleans__Profile", "Orleans__ClusterId", "Orleans__ServiceId", "Orleans__SiloPort", "Orleans__GatewayPort",
        "Orleans__AdvertisedIPAddress", "ConnectionStrings__Postgres", "ConnectionStrings__Redis", "ConnectionStrings__Blobs",
    ];

    /// <summary>Configuration keys (env form) without which the Api cannot join the cluster or sign tokens.</summary>
    private static readonly string[] RequiredApiKeys =
    [
        "Orleans__Profile", "Orleans__ClusterId", "Orleans__ServiceId", "ConnectionStrings__Postgres", "ConnectionStrings__Redis",
        "ConnectionStrings__Blobs", "Jwt__SigningKey",
    ];

    /// <summary>Keys only one platform sets, and why.</summary>
    private static readonly Dictionary<string, string> PlatformOnlySiloKeys = new()
    {
        ["Orleans__Kubernetes"] = "k8s: turns on Microsoft.Orleans.Hosting.Kubernetes",
        ["Ids__GeneratorId"] = "Container Apps: one app per silo, so each gets its own; a Deployment's pods lease theirs in Redis",
    };

    private static readonly Kustomization Base = Kustomization.Load(Path.Combine(Repo.Kubernetes, "base"));

    [Fact]
    public void KubernetesSiloBindsToTheSiloOptions()
    {
        var env = KubernetesEnvironment("instagram-silo");

        Assert.All(RequiredSiloKeys, key => Assert.Contains(key, env.Keys));
        var config = AssertSiloBinds(env, 11111, 30000, Samples.PodIp, clusterId: Base.GeneratedConfigMaps["instagram-settings"]["Orleans__ClusterId"]);
        Assert.True(KubernetesHosting.IsEnabled(config, name => name == KubernetesHosting.ServiceHostVariable ? "10.0.0.1" : null));
        Assert.Equal(env["ORLEANS_CLUSTER_ID"], env["Orleans__ClusterId"]);
        Assert.Equal(env["ORLEANS_SERVICE_ID"], env["Orleans__ServiceId"]);
        Assert.Equal(env["POD_IP"], env["Orleans__AdvertisedIPAddress"]);
    }

    [Fact]
    public void KubernetesApiBindsToTheApiOptions()
    {
        var env = KubernetesEnvironment("instagram-api");

        Assert.All(RequiredApiKeys, key => Assert.Contains(key, env.Keys));
        AssertApiBinds(env, clusterId: Base.GeneratedConfigMaps["instagram-settings"]["Orleans__ClusterId"]);
    }

    public static TheoryData<int> SiloIndexes => new(BicepFixture.SiloIndexes);

    [Theory]
    [MemberData(nameof(SiloIndexes))]
    public void ContainerAppsSiloBindsToTheSiloOptions(int index)
    {
        var env = AzureEnvironment($"silo{index}");

        Assert.All(RequiredSiloKeys, key => Assert.Contains(key, env.Keys));
        var config = AssertSiloBinds(env, 11111 + index, 30000 + index, Samples.EnvironmentIp, Samples.ClusterId);
        Assert.Equal(index, config.GetSection(IdOptions.SectionName).Get<IdOptions>()!.GeneratorId);
        Assert.False(KubernetesHosting.IsEnabled(config, _ => "10.0.0.1")); // Container Apps runs on Kubernetes too
        Assert.Equal(Samples.IdentityClientId, env["AZURE_CLIENT_ID"]);
        Assert.Equal(Samples.AppInsightsConnectionString, env["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
    }

    [Fact]
    public void ContainerAppsApiBindsToTheApiOptions()
    {
        var env = AzureEnvironment("api");

        Assert.All(RequiredApiKeys, key => Assert.Contains(key, env.Keys));
        var config = AssertApiBinds(env, Samples.ClusterId);
        Assert.Null(config[$"{IdOptions.SectionName}:GeneratorId"]); // Api replicas lease theirs in Redis
        Assert.Equal("8080", env["ASPNETCORE_HTTP_PORTS"]);
    }

    [Fact]
    public void BothPlatformsSetTheSameConfigurationKeys()
    {
        static HashSet<string> ConfigKeys(IEnumerable<string> names) => names.Where(n => n.Contains("__", StringComparison.Ordinal)).ToHashSet();

        var k8sSilo = ConfigKeys(KubernetesEnvironment("instagram-silo").Keys);
        var acaSilo = BicepFixture.SiloIndexes.Select(i => ConfigKeys(AzureEnvironment($"silo{i}").Keys)).ToList();
        Assert.All(acaSilo, keys => Assert.Equal(acaSilo[0].Order(), keys.Order()));
        Assert.Equal(
            k8sSilo.Except(PlatformOnlySiloKeys.Keys).Order(),
            acaSilo[0].Except(PlatformOnlySiloKeys.Keys).Order());
        Assert.Equal(ConfigKeys(KubernetesEnvironment("instagram-api").Keys).Order(), ConfigKeys(AzureEnvironment("api").Keys).Order());
    }

    [Fact]
    public void StreamsStayOnRedisStreamsUnlessADeploymentAsksForEventHubs()
    {
        var environments = new[] { KubernetesEnvironment("instagram-silo"), KubernetesEnvironment("instagram-api"), AzureEnvironment("silo0"), AzureEnvironment("api") };

        Assert.All(environments, env =>
        {
            var config = EnvironmentConfiguration.Build(env);
            Assert.Equal(StreamsProvider.RedisStreams, StreamsOptions.From(config).Provider);
            Assert.Empty(config.GetSection(EventHubsStreamOptions.SectionName).GetChildren());
        });
    }

    [Theory]
    [InlineData("eventHubsSilo")]
    [InlineData("eventHubsApi")]
    public void WithEventHubsContainerAppsSilosAndApiUseTheHubThroughTheirIdentity(string parameter)
    {
        var config = EnvironmentConfiguration.Build(AzureEnvironment(parameter));

        Assert.Equal(StreamsProvider.EventHubs, StreamsOptions.From(config).Provider);
        var options = AssertValid(config, EventHubsStreamOptions.SectionName, new EventHubsStreamOptions(), new EventHubsStreamOptionsValidator());
        Assert.Equal(Samples.EventHubsNamespace, options.FullyQualifiedNamespace);
        Assert.Null(options.ConnectionString); // no key: the namespace has local auth switched off
        Assert.Equal(("orleans-streams", "silos", 8), (options.HubName, options.ConsumerGroup, options.PartitionCount));
    }

    [Fact]
    public void TheKubernetesEventHubsExampleBindsAndValidates()
    {
        var env = Kustomization.ReadEnvFile(Path.Combine(Repo.Kubernetes, "examples", "streams-eventhubs.env"));
        var config = EnvironmentConfiguration.Build(env);

        Assert.Equal(StreamsProvider.EventHubs, StreamsOptions.From(config).Provider);
        var options = AssertValid(config, EventHubsStreamOptions.SectionName, new EventHubsStreamOptions(), new EventHubsStreamOptionsValidator());
        Assert.Equal(("orleans-streams", "silos"), (options.HubName, options.ConsumerGroup)); // the names main.bicep creates
    }

    [Fact]
    public void SharedSettingsAreTheSameFileOnBothPlatforms()
    {
        var file = Kustomization.ReadEnvFile(Path.Combine(Repo.Kubernetes, "base", "app-settings.env"));
        var bicepShared = bicep.Evaluated["shared"]!["value"]!.AsArray()
            .ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]!.GetValue<string>());

        Assert.Equal(file.OrderBy(p => p.Key), bicepShared.OrderBy(p => p.Key));
        Assert.Equal("Cluster", file["Orleans__Profile"]);
    }

    [Fact]
    public void ShutdownBudgetFitsInsideTheTerminationGracePeriod()
    {
        var env = KubernetesEnvironment("instagram-silo");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(EnvironmentConfiguration.Build(env));
        using var services = builder.Services.BuildServiceProvider();
        var shutdown = services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;

        Assert.Equal(TimeSpan.FromSeconds(120), shutdown);
        var bicepGrace = bicep.Template["parameters"]!["terminationGracePeriodSeconds"]!["defaultValue"]!.GetValue<int>();
        Assert.True(TimeSpan.FromSeconds(bicepGrace) > shutdown);
        foreach (var name in new[] { "instagram-silo", "instagram-api" })
        {
            var deployment = Base.Resources.Single(d => d.Kind == "Deployment" && d.Name == name);
            var grace = int.Parse(deployment.Root.At("spec", "template", "spec").Str("terminationGracePeriodSeconds")!);
            Assert.True(TimeSpan.FromSeconds(grace) > shutdown, name);
        }
    }

    [Fact]
    public void ContainerAppsSecretsAreAllWrittenToKeyVault()
    {
        var secretRefs = BicepFixture.SiloIndexes.Select(i => $"silo{i}").Append("api")
            .SelectMany(bicep.Env)
            .Select(e => e["secretRef"]?.GetValue<string>())
            .OfType<string>()
            .ToHashSet();
        var managed = FindArray(bicep.Template, "managedSecretNames")
            .Select(n => n!.GetValue<string>())
            .ToList();
        var secretNames = FindObject(bicep.Template, "secretNames")!;
        var written = managed.Select(expression => secretNames[expression.Split('.')[^1].TrimEnd(']')]!.GetValue<string>()).ToHashSet();

        Assert.NotEmpty(secretRefs);
        Assert.Subset(written, secretRefs);
    }

    [Fact]
    public void TheConnectionStringsTheTemplateWritesToKeyVaultParse()
    {
        var postgres = new NpgsqlConnectionStringBuilder(bicep.Evaluated["postgres"]!["value"]!.GetValue<string>());
        Assert.Equal("psql-x.postgres.database.azure.com", postgres.Host);
        Assert.Equal("instagram", postgres.Database);
        Assert.Equal("instagram_admin", postgres.Username);
        Assert.Equal(BicepFixture.AwkwardPassword, postgres.Password);
        Assert.Equal(SslMode.VerifyFull, postgres.SslMode);
        Assert.Equal(8, postgres.MaxPoolSize);

        var redis = ConfigurationOptions.Parse(bicep.Evaluated["redis"]!["value"]!.GetValue<string>());
        Assert.True(redis.Ssl);
        Assert.Equal("k3y=", redis.Password);
        Assert.False(redis.AbortOnConnectFail);
        var endpoint = Assert.IsType<DnsEndPoint>(Assert.Single(redis.EndPoints));
        Assert.Equal(("redis-x.redis.cache.windows.net", 6380), (endpoint.Host, endpoint.Port));
    }

    private static IConfigurationRoot AssertSiloBinds(
        IReadOnlyDictionary<string, string> env, int siloPort, int gatewayPort, string advertisedIp, string clusterId)
    {
        var config = EnvironmentConfiguration.Build(env);

        var orleans = OrleansHostOptions.From(config);
        Assert.Equal(OrleansProfile.Cluster, orleans.Profile);
        Assert.Equal(clusterId, orleans.ClusterId);
        Assert.Equal("instagram", orleans.ServiceId);
        Assert.Equal(siloPort, orleans.SiloPort);
        Assert.Equal(gatewayPort, orleans.GatewayPort);
        Assert.Equal(IPAddress.Parse(advertisedIp), orleans.AdvertisedAddress());

        var connections = ClusterConnections.From(config);
        Assert.False(string.IsNullOrWhiteSpace(connections.Postgres));
        Assert.False(string.IsNullOrWhiteSpace(connections.Redis));
        Assert.False(string.IsNullOrWhiteSpace(connections.Blobs));

        AssertValid(config, FeedOptions.SectionName, new FeedOptions(), new FeedOptionsValidator());
        AssertValid(config, IdOptions.SectionName, new IdOptions(), new IdOptionsValidator());
        return config;
    }

    private static IConfigurationRoot AssertApiBinds(IReadOnlyDictionary<string, string> env, string clusterId)
    {
        var config = EnvironmentConfiguration.Build(env);

        var orleans = OrleansHostOptions.From(config);
        Assert.Equal(OrleansProfile.Cluster, orleans.Profile);
        Assert.Equal(clusterId, orleans.ClusterId);
        Assert.Equal("instagram", orleans.ServiceId);

        var connections = ClusterConnections.From(config);
        Assert.False(string.IsNullOrWhiteSpace(connections.Blobs));

        var jwt = AssertValid(config, JwtOptions.SectionName, new JwtOptions(), new JwtOptionsValidator());
        Assert.Equal("instagram-orleans", jwt.Issuer);
        var limits = AssertValid(config, RateLimitsOptions.SectionName, new RateLimitsOptions(), new RateLimitsOptionsValidator());
        Assert.True(limits.Enabled);
        AssertValid(config, FeedOptions.SectionName, new FeedOptions(), new FeedOptionsValidator());
        // Forwarded addresses are believed from the ingress only, never from everyone (FORWARDEDHEADERS_ENABLED would).
        Assert.Null(config["FORWARDEDHEADERS_ENABLED"]);
        var proxies = AssertValid(config, TrustedProxiesOptions.SectionName, new TrustedProxiesOptions(), new TrustedProxiesOptionsValidator());
        Assert.Single(proxies.Networks);
        return config;
    }

    private static T AssertValid<T>(IConfiguration config, string section, T options, IValidateOptions<T> validator)
        where T : class
    {
        config.GetSection(section).Bind(options);
        var result = validator.Validate(Options.DefaultName, options);
        Assert.True(result.Succeeded, $"{section}: {result.FailureMessage}");
        return options;
    }

    /// <summary>The container env of a base Deployment as the pod would see it (sample pod fields and secret values).</summary>
    private static Dictionary<string, string> KubernetesEnvironment(string deploymentName)
    {
        var deployment = Base.Resources.Single(d => d.Kind == "Deployment" && d.Name == deploymentName);
        var container = deployment.Root.At("spec", "template", "spec").Maps("containers").Single();
        var configMaps = Base.GeneratedConfigMaps;
        var secret = Yaml.LoadFile(Path.Combine(Repo.Kubernetes, "examples", "secret.example.yaml")).Single().Root.Strings("stringData");

        var env = new Dictionary<string, string>();
        foreach (var source in container.Maps("envFrom"))
        {
            var configMap = source.Map("configMapRef").Str("name");
            Assert.True(configMap is not null && configMaps.ContainsKey(configMap), $"{deploymentName}: envFrom {configMap}");
            foreach (var (key, value) in configMaps[configMap])
            {
                env[key] = value;
            }
        }

        foreach (var entry in container.Maps("env"))
        {
            var name = entry.Str("name")!;
            var from = entry.Map("valueFrom");
            env[name] = entry.Str("value")
                ?? (from.Map("fieldRef").Str("fieldPath") is { } field ? Samples.PodFields[field] : null)
                ?? (from.Map("configMapKeyRef") is { } cm ? configMaps[cm.Str("name")!][cm.Str("key")!] : null)
                ?? (from.Map("secretKeyRef") is { } s ? secret[s.Str("key")!] : null)
                ?? throw new Xunit.Sdk.XunitException($"{deploymentName}: env {name} has no value this test understands");
        }

        return env;
    }

    /// <summary>An evaluated Container Apps env list with sample values for its Key Vault secret references.</summary>
    private Dictionary<string, string> AzureEnvironment(string parameter)
    {
        var env = new Dictionary<string, string>();
        foreach (var entry in bicep.Env(parameter))
        {
            var name = entry["name"]!.GetValue<string>();
            Assert.False(env.ContainsKey(name), $"{parameter}: {name} is set twice");
            env[name] = entry["value"]?.GetValue<string>()
                ?? Samples.KeyVaultSecrets[entry["secretRef"]!.GetValue<string>()];
        }

        return env;
    }

    private static JsonArray FindArray(JsonNode? node, string key) => Find(node, key) as JsonArray ?? [];

    private static JsonObject? FindObject(JsonNode? node, string key) => Find(node, key) as JsonObject;

    private static JsonNode? Find(JsonNode? node, string key) => node switch
    {
        JsonObject obj => obj.TryGetPropertyValue(key, out var value) ? value : obj.Select(p => Find(p.Value, key)).FirstOrDefault(v => v is not null),
        JsonArray array => array.Select(item => Find(item, key)).FirstOrDefault(v => v is not null),
        _ => null,
    };
}
