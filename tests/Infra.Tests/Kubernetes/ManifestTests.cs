using Instagram.Infra.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Instagram.Infra.Tests.Kubernetes;

/// <summary>
/// Structural checks of infra/k8s without a cluster (no kubeconform here): every document parses and names itself,
/// Deployments select their own pods and carry images, resources and probes, and the silo has what
/// Microsoft.Orleans.Hosting.Kubernetes needs. When kubectl is on PATH, the overlays are also rendered with its
/// built-in kustomize and checked the same way.
/// </summary>
public sealed class ManifestTests(ITestOutputHelper output)
{
    private static readonly Kustomization Base = Kustomization.Load(Path.Combine(Repo.Kubernetes, "base"));

    private static IReadOnlyList<YamlDocument> BaseDocuments => Base.Resources;

    public static TheoryData<string> Overlays => new(OverlayNames());

    private static string[] OverlayNames() =>
        Directory.GetDirectories(Path.Combine(Repo.Kubernetes, "overlays")).Select(Path.GetFileName).OfType<string>().Order().ToArray();

    [Fact]
    public void EveryDocumentHasApiVersionKindAndName()
    {
        var files = Directory.GetFiles(Repo.Kubernetes, "*.y*ml", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var document in files.SelectMany(Yaml.LoadFile))
        {
            Assert.False(string.IsNullOrEmpty(document.Root.Str("apiVersion")), $"{document}: apiVersion");
            Assert.False(string.IsNullOrEmpty(document.Kind), $"{document}: kind");
            if (document.Kind != "Kustomization")
            {
                Assert.False(string.IsNullOrEmpty(document.Name), $"{document}: metadata.name");
            }
        }
    }

    [Fact]
    public void KustomizationsReferenceFilesThatExist()
    {
        var kustomizations = new[] { Base }.Concat(OverlayNames().Select(OverlayOf));
        foreach (var k in kustomizations)
        {
            foreach (var resource in k.ResourcePaths)
            {
                Assert.True(File.Exists(resource) || File.Exists(Path.Combine(resource, "kustomization.yaml")), $"{k.Directory}: {resource}");
            }

            foreach (var patch in k.Root.Maps("patches").Select(p => p.Str("path")).OfType<string>())
            {
                Assert.True(File.Exists(k.Resolve(patch)), $"{k.Directory}: patch {patch}");
            }

            foreach (var generator in k.Root.Maps("configMapGenerator"))
            {
                foreach (var file in generator.List("envs").Concat(generator.List("files")).OfType<string>())
                {
                    Assert.True(File.Exists(k.Resolve(file)), $"{k.Directory}: {file}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void OverlayTargetsResourcesOfTheBase(string overlay)
    {
        var k = OverlayOf(overlay);
        var deployments = BaseDocuments.Where(d => d.Kind == "Deployment").Select(d => d.Name).ToHashSet();
        var images = BaseDocuments.Where(d => d.Kind is "Deployment" or "Job")
            .SelectMany(d => Containers(d)).Select(c => c.Str("image")!.Split(':')[0]).ToHashSet();
        var named = BaseDocuments.Select(d => (d.Kind, d.Name)).ToHashSet();

        Assert.StartsWith("instagram-", k.Root.Str("namespace"));
        Assert.All(k.Root.Maps("replicas"), r => Assert.Contains(r.Str("name") ?? "", deployments));
        Assert.All(k.Root.Maps("images"), i => Assert.Contains(i.Str("name") ?? "", images));
        foreach (var patch in k.Root.Maps("patches"))
        {
            var target = patch.Str("path") is { } file ? Yaml.LoadFile(k.Resolve(file)).Single() : null;
            var kind = target?.Kind ?? patch.Map("target").Str("kind") ?? "";
            var name = target?.Name ?? patch.Map("target").Str("name") ?? "";
            Assert.Contains((kind, name), named);
        }
    }

    [Fact]
    public void BaseDeploymentsAreWellFormed() => AssertDeploymentsWellFormed(BaseDocuments);

    [Fact]
    public void SiloDeploymentIsSetUpForOrleansKubernetesHosting()
    {
        var silo = Deployment(BaseDocuments, "instagram-silo");
        var labels = silo.Root.At("spec", "template", "metadata").Strings("labels");
        var settings = Base.GeneratedConfigMaps["instagram-settings"];
        var container = Assert.Single(Containers(silo));
        var env = container.Maps("env").ToDictionary(e => e.Str("name")!);

        // Labels the hosting package selects pods by, equal to the ids the silo runs with.
        Assert.Equal(settings["Orleans__ServiceId"], labels["orleans/serviceId"]);
        Assert.Equal(settings["Orleans__ClusterId"], labels["orleans/clusterId"]);

        // Downward API.
        Assert.Equal("metadata.name", FieldRef(env, "POD_NAME"));
        Assert.Equal("metadata.namespace", FieldRef(env, "POD_NAMESPACE"));
        Assert.Equal("status.podIP", FieldRef(env, "POD_IP"));
        Assert.Equal("status.podIP", FieldRef(env, "Orleans__AdvertisedIPAddress"));
        Assert.Equal("Orleans__ServiceId", env["ORLEANS_SERVICE_ID"].At("valueFrom", "configMapKeyRef").Str("key"));
        Assert.Equal("Orleans__ClusterId", env["ORLEANS_CLUSTER_ID"].At("valueFrom", "configMapKeyRef").Str("key"));
        Assert.Equal("true", env["Orleans__Kubernetes"].Str("value"));

        // Rollouts add a silo before removing one, and leave time for a graceful leave.
        var rolling = silo.Root.At("spec", "strategy", "rollingUpdate");
        Assert.Equal("0", rolling.Str("maxUnavailable"));
        Assert.Equal("1", rolling.Str("maxSurge"));
        var grace = int.Parse(silo.Root.At("spec", "template", "spec").Str("terminationGracePeriodSeconds")!);
        Assert.True(grace > int.Parse(settings["DOTNET_shutdownTimeoutSeconds"]), "grace period must exceed the host shutdown timeout");

        var spec = silo.Root.At("spec", "template", "spec");
        Assert.Equal("true", spec.Str("automountServiceAccountToken"));
        Assert.Contains(BaseDocuments, d => d.Kind == "ServiceAccount" && d.Name == spec.Str("serviceAccountName"));
        Assert.Equal(["11111", "30000", "8090"], container.Maps("ports").Select(p => p.Str("containerPort")).OfType<string>().Order().ToArray());

        // The probes ask the silo's own HTTP endpoint, on the port it is told to serve.
        var http = Assert.Single(container.Maps("ports"), p => p.Str("name") == "http");
        Assert.Equal(env["Silo__HttpPort"].Str("value"), http.Str("containerPort"));
        Assert.Equal("/health/ready", container.Map("readinessProbe").Map("httpGet").Str("path"));
        Assert.Equal("/health/live", container.Map("livenessProbe").Map("httpGet").Str("path"));
    }

    [Fact]
    public void RbacLetsTheSiloReadWatchAndLabelItsPods()
    {
        var silo = Deployment(BaseDocuments, "instagram-silo");
        var account = silo.Root.At("spec", "template", "spec").Str("serviceAccountName");
        var binding = Assert.Single(BaseDocuments, d => d.Kind == "RoleBinding");
        var role = Assert.Single(BaseDocuments, d => d.Kind == "Role");

        Assert.Equal(role.Name, binding.Root.Map("roleRef").Str("name"));
        Assert.Contains(binding.Root.Maps("subjects"), s => s.Str("kind") == "ServiceAccount" && s.Str("name") == account);
        var pods = Assert.Single(role.Root.Maps("rules"), r => r.List("resources").Contains("pods"));
        Assert.Equal(new object?[] { "" }, pods.List("apiGroups"));
        var verbs = pods.List("verbs").OfType<string>().ToHashSet();
        Assert.Superset(new HashSet<string> { "get", "watch", "list", "patch" }, verbs);
        Assert.DoesNotContain("delete", verbs); // only with DeleteDefunctSiloPods, which stays off
        Assert.DoesNotContain(BaseDocuments, d => d.Kind is "ClusterRole" or "ClusterRoleBinding");
    }

    [Fact]
    public void DisruptionBudgetsSelectTheirDeploymentsPods()
    {
        var budgets = BaseDocuments.Where(d => d.Kind == "PodDisruptionBudget").ToList();
        Assert.Contains(budgets, b => b.Name == "instagram-silo");
        foreach (var budget in budgets)
        {
            var selector = budget.Root.At("spec", "selector").Strings("matchLabels");
            var target = Deployment(BaseDocuments, budget.Name);
            var labels = target.Root.At("spec", "template", "metadata").Strings("labels");
            Assert.NotEmpty(selector);
            Assert.All(selector, pair => Assert.Equal(pair.Value, labels.GetValueOrDefault(pair.Key)));
        }
    }

    [Fact]
    public void SiloPortsAdmitOnlySilosAndTheApi()
    {
        var policy = Assert.Single(BaseDocuments, d => d.Kind == "NetworkPolicy" && d.Name == "instagram-silo-ingress");
        var silo = Deployment(BaseDocuments, "instagram-silo").Root.At("spec", "template", "metadata").Strings("labels");
        var api = Deployment(BaseDocuments, "instagram-api").Root.At("spec", "template", "metadata").Strings("labels");
        var selected = policy.Root.At("spec", "podSelector").Strings("matchLabels");
        Assert.All(selected, pair => Assert.Equal(pair.Value, silo.GetValueOrDefault(pair.Key)));

        // Each rule: which pods may come in, on which port. Nothing else reaches a silo.
        var rules = policy.Root.At("spec").Maps("ingress").Select(rule => (
            From: rule.Maps("from").Single().Map("podSelector").Strings("matchLabels"),
            Port: rule.Maps("ports").Single().Str("port"))).ToList();
        Assert.Equal(2, rules.Count);
        var siloRule = Assert.Single(rules, r => r.Port == "11111");
        var gatewayRule = Assert.Single(rules, r => r.Port == "30000");
        Assert.All(siloRule.From, pair => Assert.Equal(pair.Value, silo.GetValueOrDefault(pair.Key)));
        Assert.All(gatewayRule.From, pair => Assert.Equal(pair.Value, api.GetValueOrDefault(pair.Key)));
        Assert.NotEqual(silo["app.kubernetes.io/name"], api["app.kubernetes.io/name"]);
    }

    [Fact]
    public void ApiServiceAndAutoscalerTargetTheApi()
    {
        var api = Deployment(BaseDocuments, "instagram-api");
        var labels = api.Root.At("spec", "template", "metadata").Strings("labels");
        var ports = Containers(api).SelectMany(c => c.Maps("ports")).Select(p => p.Str("name")).ToHashSet();

        var service = Assert.Single(BaseDocuments, d => d.Kind == "Service");
        Assert.All(service.Root.Map("spec").Strings("selector"), pair => Assert.Equal(pair.Value, labels.GetValueOrDefault(pair.Key)));
        Assert.All(service.Root.Map("spec").Maps("ports"), p => Assert.Contains(p.Str("targetPort") ?? "", ports));

        var hpa = Assert.Single(BaseDocuments, d => d.Kind == "HorizontalPodAutoscaler");
        Assert.Equal("autoscaling/v2", hpa.Root.Str("apiVersion"));
        Assert.Equal("Deployment", hpa.Root.At("spec", "scaleTargetRef").Str("kind"));
        Assert.Equal(api.Name, hpa.Root.At("spec", "scaleTargetRef").Str("name"));
        Assert.Null(api.Root.Map("spec").Str("replicas")); // the autoscaler owns the count
    }

    [Fact]
    public void SchemaJobRunsTheSharedScriptOnTheSqlOfInfraSql()
    {
        var job = Assert.Single(BaseDocuments, d => d.Kind == "Job");
        var volumes = job.Root.At("spec", "template", "spec").Maps("volumes")
            .ToDictionary(v => v.Str("name")!, v => v.Map("configMap").Str("name"));

        Assert.Contains("apply-schema.sh", Base.GeneratedConfigMaps[volumes["scripts"]!].Keys);
        Assert.Equal("instagram-schema-sql", volumes["schema"]);
        // kustomize cannot read ../../sql, so deploy.sh creates that ConfigMap from infra/sql.
        var deploy = File.ReadAllText(Path.Combine(Repo.Kubernetes, "deploy.sh"));
        Assert.Contains("create configmap instagram-schema-sql --from-file=\"$repo/infra/sql\"", deploy, StringComparison.Ordinal);
        Assert.Equal("Never", job.Root.At("spec", "template", "spec").Str("restartPolicy"));
    }

    [Fact]
    public void SchemaJobRunsAsTheAdministratorAndTheAppsConnectAsTheAppRoleItCreates()
    {
        var job = Assert.Single(BaseDocuments, d => d.Kind == "Job");
        var jobEnv = Containers(job).Single().Maps("env").ToDictionary(e => e.Str("name")!, e => e.At("valueFrom", "secretKeyRef").Str("key"));
        Assert.Equal("postgres-user", jobEnv["PGUSER"]);
        Assert.Equal("postgres-password", jobEnv["PGPASSWORD"]);
        Assert.Equal("postgres-app-user", jobEnv["APP_DB_ROLE"]);
        Assert.Equal("postgres-app-password", jobEnv["APP_DB_PASSWORD"]);

        // The apps read only the connection string, which names the app role (never the administrator's secrets).
        foreach (var name in new[] { "instagram-silo", "instagram-api" })
        {
            var keys = Containers(Deployment(BaseDocuments, name)).SelectMany(c => c.Maps("env"))
                .Select(e => e.At("valueFrom", "secretKeyRef").Str("key")).OfType<string>().ToList();
            Assert.Contains("postgres-connection-string", keys);
            Assert.DoesNotContain(keys, key => key is "postgres-user" or "postgres-password" or "postgres-app-password");
        }

        var secret = Assert.Single(Yaml.LoadFile(Path.Combine(Repo.Kubernetes, "examples", "secret.example.yaml"))).Root.Strings("stringData");
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(secret["postgres-connection-string"]);
        Assert.Equal(secret["postgres-app-user"], connection.Username);
        Assert.Equal("instagram_app", connection.Username);
        Assert.NotEqual(secret["postgres-user"], connection.Username);
    }

    [Fact]
    public void EverySecretKeyTheManifestsReadIsInTheExampleSecret()
    {
        var example = Assert.Single(Yaml.LoadFile(Path.Combine(Repo.Kubernetes, "examples", "secret.example.yaml")));
        var keys = example.Root.Strings("stringData").Keys.ToHashSet();
        var refs = BaseDocuments.Where(d => d.Kind is "Deployment" or "Job")
            .SelectMany(d => Containers(d))
            .SelectMany(c => c.Maps("env"))
            .Select(e => e.At("valueFrom", "secretKeyRef"))
            .OfType<Dictionary<string, object?>>()
            .ToList();

        Assert.NotEmpty(refs);
        Assert.All(refs, r => Assert.Equal(example.Name, r.Str("name")));
        Assert.All(refs, r => Assert.Contains(r.Str("key") ?? "", keys));
        Assert.DoesNotContain(BaseDocuments, d => d.Kind == "Secret"); // never applied with placeholder values
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task OverlayRendersWithKubectlKustomize(string overlay)
    {
        if (ProcessRunner.FindOnPath("kubectl") is not { } kubectl)
        {
            output.WriteLine("kubectl is not on PATH: rendering skipped (the static overlay checks still ran).");
            return;
        }

        var result = await ProcessRunner.RunAsync(kubectl, ["kustomize", Path.Combine("overlays", overlay)], Repo.Kubernetes);
        Assert.True(result.ExitCode == 0, result.Output);
        var rendered = Yaml.LoadText(result.StandardOutput, $"kubectl kustomize overlays/{overlay}");
        var ns = OverlayOf(overlay).Root.Str("namespace");

        AssertDeploymentsWellFormed(rendered);
        Assert.All(rendered.Where(d => d.Kind is not ("Namespace")), d => Assert.Equal(ns, d.Root.Map("metadata").Str("namespace")));
        Assert.Contains(rendered, d => d.Kind == "ConfigMap" && d.Name.StartsWith("instagram-settings-", StringComparison.Ordinal));
        var subjects = Assert.Single(rendered, d => d.Kind == "RoleBinding").Root.Maps("subjects");
        Assert.All(subjects, s => Assert.Equal(ns, s.Str("namespace")));
        var silo = Deployment(rendered, "instagram-silo");
        // Every ConfigMap a silo takes its environment from (settings, streams) is rendered under its hashed name.
        var configMaps = Containers(silo).Single().Maps("envFrom").Select(source => source.Map("configMapRef").Str("name")).ToList();
        Assert.Equal(2, configMaps.Count);
        Assert.All(configMaps, name => Assert.Contains(rendered, d => d.Kind == "ConfigMap" && d.Name == name));
    }

    private static Kustomization OverlayOf(string overlay) => Kustomization.Load(Path.Combine(Repo.Kubernetes, "overlays", overlay));

    private static void AssertDeploymentsWellFormed(IReadOnlyList<YamlDocument> documents)
    {
        var deployments = documents.Where(d => d.Kind == "Deployment").ToList();
        Assert.Equal(["instagram-api", "instagram-silo"], deployments.Select(d => d.Name).Order().ToArray());
        foreach (var deployment in deployments)
        {
            Assert.Equal("apps/v1", deployment.Root.Str("apiVersion"));
            var selector = deployment.Root.At("spec", "selector").Strings("matchLabels");
            var labels = deployment.Root.At("spec", "template", "metadata").Strings("labels");
            Assert.NotEmpty(selector);
            Assert.All(selector, pair => Assert.True(labels.GetValueOrDefault(pair.Key) == pair.Value, $"{deployment}: selector {pair.Key}"));

            var spec = deployment.Root.At("spec", "template", "spec");
            Assert.Equal("true", spec.Map("securityContext").Str("runAsNonRoot"));
            foreach (var container in Containers(deployment))
            {
                var name = $"{deployment} container {container.Str("name")}";
                Assert.False(string.IsNullOrEmpty(container.Str("image")), $"{name}: image");
                var resources = container.Map("resources");
                Assert.False(string.IsNullOrEmpty(resources.Map("requests").Str("cpu")), $"{name}: requests.cpu");
                Assert.False(string.IsNullOrEmpty(resources.Map("requests").Str("memory")), $"{name}: requests.memory");
                Assert.False(string.IsNullOrEmpty(resources.Map("limits").Str("memory")), $"{name}: limits.memory");

                var ports = container.Maps("ports").Select(p => p.Str("name")).ToHashSet();
                foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
                {
                    var definition = container.Map(probe);
                    Assert.True(definition is not null, $"{name}: {probe}");
                    var port = (definition.Map("httpGet") ?? definition.Map("tcpSocket")).Str("port");
                    Assert.True(port is not null && ports.Contains(port), $"{name}: {probe} port {port} is not a named container port");
                }

                Assert.Equal("false", container.Map("securityContext").Str("allowPrivilegeEscalation"));
            }
        }
    }

    private static YamlDocument Deployment(IEnumerable<YamlDocument> documents, string name) =>
        Assert.Single(documents, d => d.Kind == "Deployment" && d.Name == name);

    private static IEnumerable<Dictionary<string, object?>> Containers(YamlDocument workload) =>
        workload.Root.At("spec", "template", "spec").Maps("containers");

    private static string? FieldRef(Dictionary<string, Dictionary<string, object?>> env, string name) =>
        env.TryGetValue(name, out var entry) ? entry.At("valueFrom", "fieldRef").Str("fieldPath") : null;
}
