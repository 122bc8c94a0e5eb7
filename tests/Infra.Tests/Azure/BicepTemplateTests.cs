using System.Text.Json.Nodes;
using Instagram.Grains.Media;
using Instagram.Infra.Tests.Infrastructure;

namespace Instagram.Infra.Tests.Azure;

/// <summary>infra/azure compiles and lints without a single warning, and the compiled template keeps its promises.</summary>
[Collection(BicepCollection.Name)]
public sealed class BicepTemplateTests(BicepFixture bicep)
{
    public static TheoryData<string> ParameterFiles => new(ParameterFileNames());

    private static string[] ParameterFileNames() =>
        Directory.GetFiles(Repo.Azure, "*.bicepparam").Select(Path.GetFileName).OfType<string>().Order().ToArray();

    [Fact]
    public void MainTemplateBuildsWithoutWarnings()
    {
        Assert.True(bicep.Build.ExitCode == 0, bicep.Build.Output);
        Assert.True(bicep.Build.StandardError.Trim().Length == 0 && bicep.Build.StandardOutput.Trim().Length == 0, bicep.Build.Output);
        Assert.NotEmpty(bicep.Template);
    }

    [Fact]
    public async Task EveryBicepAndParameterFileLintsClean()
    {
        // Every .bicep (also modules main.bicep does not reference) and every .bicepparam, default linter rules.
        var result = await Bicep.RunAsync(Repo.Azure, Bicep.ParameterEnvironment, "lint", "--pattern", "**/*.bicep*");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.True(result.StandardError.Trim().Length == 0 && result.StandardOutput.Trim().Length == 0, result.Output);
    }

    [Fact]
    public void ThereIsAParameterFilePerEnvironment()
    {
        var files = ParameterFileNames();
        Assert.Contains("dev.bicepparam", files);
        Assert.Contains("prod.bicepparam", files);
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public async Task ParameterFileBuilds(string file)
    {
        var parameters = await Bicep.BuildParamsAsync(Path.Combine(Repo.Azure, file), Bicep.ParameterEnvironment);

        Assert.Equal(Path.GetFileNameWithoutExtension(file), parameters["environmentName"]!["value"]!.GetValue<string>());
        Assert.Equal("test-tag", parameters["imageTag"]!["value"]!.GetValue<string>());
        Assert.Equal("apps", parameters["deployStage"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task ParameterFileRejectsAJwtKeyShorterThan32Characters()
    {
        var environment = new Dictionary<string, string?>(Bicep.ParameterEnvironment) { ["JWT_SIGNING_KEY"] = "too-short" };

        var result = await Bicep.RunAsync(Repo.Azure, environment, "build-params", Path.Combine(Repo.Azure, "dev.bicepparam"), "--stdout");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("minimum allowable length is 32", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaJobShipsEverySqlFileOfInfraSql()
    {
        // schema-job.bicep lists the files by hand (Bicep cannot list a folder): a new infra/sql file must be added there.
        var strings = Strings(bicep.Template).ToHashSet();
        foreach (var file in Directory.GetFiles(Repo.Sql, "*.sql"))
        {
            Assert.True(strings.Contains(Path.GetFileName(file)), $"{Path.GetFileName(file)} is not mounted by infra/azure/modules/schema-job.bicep");
            Assert.True(strings.Contains(File.ReadAllText(file)), $"{Path.GetFileName(file)}: the template does not embed its current content");
        }

        Assert.Contains(File.ReadAllText(Path.Combine(Repo.Kubernetes, "base", "apply-schema.sh")), strings);
    }

    [Fact]
    public void ServicesAreLockedDown()
    {
        var resources = Resources(bicep.Template).ToList();

        var storage = Single(resources, "Microsoft.Storage/storageAccounts");
        Assert.False(storage["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(storage["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", storage["minimumTlsVersion"]!.GetValue<string>());
        Assert.Contains(resources, r => Type(r) == "Microsoft.Storage/storageAccounts/blobServices/containers" && NameEndsWith(r, "media"));

        var redis = Single(resources, "Microsoft.Cache/redis");
        Assert.False(redis["enableNonSslPort"]!.GetValue<bool>());
        Assert.Equal("1.2", redis["minimumTlsVersion"]!.GetValue<string>());

        Assert.True(Single(resources, "Microsoft.KeyVault/vaults")["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.False(Single(resources, "Microsoft.ContainerRegistry/registries")["adminUserEnabled"]!.GetValue<bool>());
        Assert.Equal("Disabled", Single(resources, "Microsoft.DBforPostgreSQL/flexibleServers")["network"]!["publicNetworkAccess"]!.GetValue<string>());
    }

    [Fact]
    public void StorageSweepsStrayUploadObjectsAfterADay()
    {
        var policy = Single(Resources(bicep.Template).ToList(), "Microsoft.Storage/storageAccounts/managementPolicies");

        var rule = Assert.Single(policy["policy"]!["rules"]!.AsArray())!;
        Assert.True(rule["enabled"]!.GetValue<bool>());
        var prefixes = rule["definition"]!["filters"]!["prefixMatch"]!.AsArray().Select(p => p!.GetValue<string>());
        Assert.Equal(["media/" + MediaKeys.UploadPrefix], prefixes); // the upload objects and nothing else
        Assert.StartsWith(MediaKeys.UploadPrefix, MediaKeys.Upload(42), StringComparison.Ordinal);
        Assert.All(MediaKeys.Variants, variant => Assert.DoesNotContain(MediaKeys.UploadPrefix, MediaKeys.Variant(42, "token", variant), StringComparison.Ordinal));
        Assert.Equal(1, rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]!.GetValue<int>());
    }

    [Fact]
    public void KeyVaultIsReachableOnlyThroughAPrivateEndpointInTheVirtualNetwork()
    {
        var resources = Resources(bicep.Template).ToList();

        var vault = Single(resources, "Microsoft.KeyVault/vaults");
        Assert.Equal("Disabled", vault["publicNetworkAccess"]!.GetValue<string>());
        Assert.Equal("Deny", vault["networkAcls"]!["defaultAction"]!.GetValue<string>());
        Assert.Equal("None", vault["networkAcls"]!["bypass"]!.GetValue<string>());
        Assert.Empty(vault["networkAcls"]!["ipRules"]!.AsArray());

        // A private endpoint for the vault in the endpoints subnet, registered in the privatelink zone linked to the VNet.
        var keyVaultModule = bicep.Template["resources"]!["keyVault"]!["properties"]!;
        Assert.Equal(
            "[reference('network').outputs.endpointsSubnetId.value]",
            keyVaultModule["parameters"]!["endpointsSubnetId"]!["value"]!.GetValue<string>());
        var moduleResources = Resources(keyVaultModule["template"]).ToList();
        var endpoint = Single(moduleResources, "Microsoft.Network/privateEndpoints");
        Assert.Equal("[parameters('endpointsSubnetId')]", endpoint["subnet"]!["id"]!.GetValue<string>());
        var connection = Assert.Single(endpoint["privateLinkServiceConnections"]!.AsArray())!["properties"]!;
        Assert.Equal(["vault"], connection["groupIds"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Contains("Microsoft.KeyVault/vaults", connection["privateLinkServiceId"]!.GetValue<string>(), StringComparison.Ordinal);
        var zone = Assert.Single(moduleResources, r => Type(r) == "Microsoft.Network/privateDnsZones");
        Assert.Equal("privatelink.vaultcore.azure.net", zone["name"]!.GetValue<string>());
        Assert.Contains(moduleResources, r => Type(r) == "Microsoft.Network/privateDnsZones/virtualNetworkLinks");
        Assert.Contains(moduleResources, r => Type(r) == "Microsoft.Network/privateEndpoints/privateDnsZoneGroups");
    }

    [Fact]
    public void AppsConnectToPostgresAsTheAppRoleOnlyTheSchemaJobAsTheAdministrator()
    {
        var parameters = bicep.Template["parameters"]!;
        Assert.Equal("instagram_app", parameters["postgresAppLogin"]!["defaultValue"]!.GetValue<string>());
        Assert.NotEqual(
            parameters["postgresAdministratorLogin"]!["defaultValue"]!.GetValue<string>(),
            parameters["postgresAppLogin"]!["defaultValue"]!.GetValue<string>());
        Assert.Equal("securestring", parameters["postgresAppLoginPassword"]!["type"]!.GetValue<string>());

        // The Key Vault secret the silos and the Api read (postgres-connection-string) is built from the app role.
        var keyVaultModule = bicep.Template["resources"]!["keyVault"]!["properties"]!;
        var moduleParameters = keyVaultModule["parameters"]!.AsObject();
        Assert.Equal("[parameters('postgresAppLogin')]", moduleParameters["postgresAppLogin"]!["value"]!.GetValue<string>());
        Assert.Equal("[parameters('postgresAppLoginPassword')]", moduleParameters["postgresAppLoginPassword"]!["value"]!.GetValue<string>());
        Assert.DoesNotContain("postgresAdministratorLogin", moduleParameters.Select(p => p.Key));
        var secretValues = Strings(keyVaultModule["template"]).Single(s => s.Contains("__bicep.postgresConnectionString(", StringComparison.Ordinal));
        Assert.Contains(
            "__bicep.postgresConnectionString(parameters('postgresFqdn'), parameters('postgresDatabaseName'), parameters('postgresAppLogin'), parameters('postgresAppLoginPassword'),",
            secretValues,
            StringComparison.Ordinal);
        Assert.Contains("variables('secretNames').postgresAppPassword), parameters('postgresAppLoginPassword')", secretValues, StringComparison.Ordinal);
        Assert.DoesNotContain("Administrator", secretValues.Split("postgresPassword")[0], StringComparison.Ordinal);

        // The schema job: administrator for psql, the app role's name and password for 007-app-role.sql.
        var schemaModule = bicep.Template["resources"]!["schemaJob"]!["properties"]!;
        Assert.Equal("[parameters('postgresAppLogin')]", schemaModule["parameters"]!["postgresAppLogin"]!["value"]!.GetValue<string>());
        var job = Single(Resources(schemaModule["template"]), "Microsoft.App/jobs");
        var env = job["template"]!["containers"]!.AsArray().Single()!["env"]!.AsArray()
            .ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]?.GetValue<string>() ?? "secretRef:" + e!["secretRef"]!.GetValue<string>());
        Assert.Equal("[parameters('postgresAdministratorLogin')]", env["PGUSER"]);
        Assert.Equal("[parameters('postgresAppLogin')]", env["APP_DB_ROLE"]);
        Assert.Contains("postgresAppPassword", env["APP_DB_PASSWORD"], StringComparison.Ordinal);
        Assert.Contains("postgresPassword", env["PGPASSWORD"], StringComparison.Ordinal);
    }

    [Fact]
    public void IdentityGetsExactlyTheLeastPrivilegeRoles()
    {
        var strings = string.Join('\n', Strings(bicep.Template));
        string[] granted =
        [
            "7f951dda-4ed3-4680-a7ca-43fe172d538d", // AcrPull
            "ba92f5b4-2d11-453d-a403-e96b0029c9fe", // Storage Blob Data Contributor
            "db58b8e5-c6ad-4a2a-8342-4190687cbf4a", // Storage Blob Delegator (user-delegation SAS)
            "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User
            "2b629674-e913-4c01-ae53-ef4638d8f975", // Azure Event Hubs Data Sender (streamsProvider=EventHubs)
            "a638d3c7-ab3a-418d-83e6-5f17a39d4fde", // Azure Event Hubs Data Receiver (streamsProvider=EventHubs)
        ];
        string[] tooBroad =
        [
            "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", // Owner
            "b24988ac-6180-42a0-ab88-20f7382dd24c", // Contributor
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner
            "00482a5a-887f-4fb3-b363-3b7fe8e74483", // Key Vault Administrator
            "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", // Key Vault Secrets Officer
            "f526a384-b230-433a-b45c-95f59c4a2dec", // Azure Event Hubs Data Owner
        ];

        Assert.All(granted, role => Assert.Contains(role, strings, StringComparison.Ordinal));
        Assert.All(tooBroad, role => Assert.DoesNotContain(role, strings, StringComparison.Ordinal));
        Assert.Equal(1, Resources(bicep.Template).Count(r => Type(r) == "Microsoft.ManagedIdentity/userAssignedIdentities"));
    }

    [Fact]
    public void EventHubsAreOptInLockedDownAndSizedByTheParameters()
    {
        var parameters = bicep.Template["parameters"]!;
        Assert.Equal("RedisStreams", parameters["streamsProvider"]!["defaultValue"]!.GetValue<string>()); // existing deployments do not change
        Assert.Equal(["RedisStreams", "EventHubs"], parameters["streamsProvider"]!["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(32, parameters["eventHubsPartitionCount"]!["maxValue"]!.GetValue<int>()); // the Standard tier's limit

        // The hub is created only when asked for, with the partition count the silos and the Api are told.
        var module = bicep.Template["resources"]!["eventHubs"]!;
        Assert.Equal("[variables('useEventHubs')]", module["condition"]!.GetValue<string>());
        Assert.Equal("[parameters('eventHubsPartitionCount')]", module["properties"]!["parameters"]!["partitionCount"]!["value"]!.GetValue<string>());
        foreach (var app in new[] { "silos", "api" })
        {
            var env = bicep.Template["resources"]![app]!["properties"]!["parameters"]!["env"]!["value"]!.GetValue<string>();
            Assert.Contains("streamsEnv(parameters('streamsProvider')", env, StringComparison.Ordinal);
            Assert.Contains("parameters('eventHubsPartitionCount')", env, StringComparison.Ordinal);
        }

        var resources = Resources(bicep.Template).ToList();
        var eventHubs = Single(resources, "Microsoft.EventHub/namespaces");
        Assert.True(eventHubs["disableLocalAuth"]!.GetValue<bool>()); // identity only: no shared access key to leak
        Assert.Equal("Disabled", eventHubs["publicNetworkAccess"]!.GetValue<string>());
        Assert.Equal("1.2", eventHubs["minimumTlsVersion"]!.GetValue<string>());
        Assert.Equal("[parameters('partitionCount')]", Single(resources, "Microsoft.EventHub/namespaces/eventhubs")["partitionCount"]!.GetValue<string>());
        Assert.Single(resources, r => Type(r) == "Microsoft.EventHub/namespaces/eventhubs/consumergroups");
        Assert.Contains(resources, r => Type(r) == "Microsoft.Network/privateEndpoints" && r["properties"]!.ToJsonString().Contains("\"namespace\"", StringComparison.Ordinal));
    }

    [Fact]
    public void SiloProbesAskTheSilosOwnHttpEndpoint()
    {
        var silo = Assert.Single(Resources(bicep.Template), app => Type(app) == "Microsoft.App/containerApps"
            && app["properties"]?["configuration"]?["ingress"]?["transport"]?.GetValue<string>() == "tcp");
        var probes = silo["properties"]!["template"]!["containers"]![0]!["probes"]!.AsArray();
        var paths = probes.ToDictionary(p => p!["type"]!.GetValue<string>(), p => p!["httpGet"]?["path"]?.GetValue<string>());
        Assert.Equal("/health/ready", paths["Startup"]);
        Assert.Equal("/health/ready", paths["Readiness"]);
        Assert.Equal("/health/live", paths["Liveness"]);
    }

    [Fact]
    public void SilosAreOneReplicaAppsWithTcpIngressAndTheApiScalesOnHttp()
    {
        var apps = Resources(bicep.Template).Where(r => Type(r) == "Microsoft.App/containerApps").ToList();
        var silo = Assert.Single(apps, app => app["properties"]?["configuration"]?["ingress"]?["transport"]?.GetValue<string>() == "tcp");
        var api = Assert.Single(apps, app => app["properties"]?["configuration"]?["ingress"]?["transport"]?.GetValue<string>() == "auto");

        var siloScale = silo["properties"]!["template"]!["scale"]!;
        Assert.Equal(1, siloScale["minReplicas"]!.GetValue<int>());
        Assert.Equal(1, siloScale["maxReplicas"]!.GetValue<int>());
        Assert.Single(silo["properties"]!["configuration"]!["ingress"]!["additionalPortMappings"]!.AsArray());

        var apiIngress = api["properties"]!["configuration"]!["ingress"]!;
        Assert.True(apiIngress["external"]!.GetValue<bool>());
        Assert.False(apiIngress["allowInsecure"]!.GetValue<bool>());
        Assert.Contains(api["properties"]!["template"]!["scale"]!["rules"]!.AsArray(), rule => rule?["http"] is not null);

        Assert.Single(Resources(bicep.Template), r => Type(r) == "Microsoft.App/jobs");
        var siloLoop = bicep.Template["resources"]!["silos"]!;
        Assert.Contains("siloCount", siloLoop["copy"]!["count"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void EverySiloGetsItsOwnPortPair()
    {
        var maxSilos = bicep.Template["parameters"]!["siloCount"]!["maxValue"]!.GetValue<int>();
        var silo = bicep.Ints("siloPorts").Take(maxSilos).ToList();
        var gateway = bicep.Ints("gatewayPorts").Take(maxSilos).ToList();
        var all = silo.Concat(gateway).ToList();

        Assert.Equal(11111, silo[0]);
        Assert.Equal(30000, gateway[0]);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.DoesNotContain(36985, all); // reserved by Container Apps
        Assert.All(all, port => Assert.InRange(port, 1024, 65535));
    }

    [Fact]
    public void OutputsIncludeTheApiUrlRegistryAndDashboardDomain()
    {
        var outputs = bicep.Template["outputs"]!.AsObject();
        Assert.Contains("apiUrl", outputs.Select(o => o.Key));
        Assert.Contains("registryLoginServer", outputs.Select(o => o.Key));
        Assert.Contains("dashboardDomain", outputs.Select(o => o.Key));
        Assert.Contains("schemaJobName", outputs.Select(o => o.Key));
    }

    private static JsonObject Single(IEnumerable<JsonObject> resources, string type) =>
        Assert.Single(resources, r => Type(r) == type)["properties"]!.AsObject();

    private static string? Type(JsonObject resource) => resource["type"]?.GetValue<string>();

    private static bool NameEndsWith(JsonObject resource, string suffix) =>
        resource["name"]?.GetValue<string>() is { } name && name.TrimEnd(']', '\'', ')').EndsWith(suffix, StringComparison.Ordinal);

    /// <summary>Every resource the template and its nested (module) templates create (not "existing" references).</summary>
    private static IEnumerable<JsonObject> Resources(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name.Contains('/') && obj["apiVersion"] is not null
                    && name != "Microsoft.Resources/deployments" && obj["existing"]?.GetValue<bool>() != true)
                {
                    yield return obj;
                }

                foreach (var child in obj.SelectMany(pair => Resources(pair.Value)))
                {
                    yield return child;
                }

                break;
            case JsonArray array:
                foreach (var child in array.SelectMany(Resources))
                {
                    yield return child;
                }

                break;
        }
    }

    /// <summary>Every string value anywhere in the template.</summary>
    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(pair => Strings(pair.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };
}
