namespace Instagram.Silo.Hosting;

/// <summary>
/// Opt-in Orleans Kubernetes hosting (Microsoft.Orleans.Hosting.Kubernetes) for silos run by infra/k8s: the silo
/// takes its name from the pod, and watches the pods of its cluster (labels <c>orleans/serviceId</c> and
/// <c>orleans/clusterId</c>) to declare a silo dead as soon as its pod is deleted. Membership itself stays in
/// PostgreSQL, and the advertised address stays <c>Orleans:AdvertisedIPAddress</c> (the pod IP, from the downward API).
/// </summary>
/// <remarks>
/// On only when the process runs in a pod (<c>KUBERNETES_SERVICE_HOST</c> is set) and <c>Orleans:Kubernetes</c> is
/// true, so a silo started by hand inside a cluster (or in Container Apps, which also runs on Kubernetes) is not
/// affected. The pod needs POD_NAME, POD_NAMESPACE, POD_IP, ORLEANS_SERVICE_ID and ORLEANS_CLUSTER_ID, and a service
/// account allowed to get, list, watch and patch pods (infra/k8s/base/silo-rbac.yaml).
/// </remarks>
public static class KubernetesHosting
{
    /// <summary>Configuration flag (env <c>Orleans__Kubernetes</c>).</summary>
    public const string EnabledKey = "Orleans:Kubernetes";

    /// <summary>Set by Kubernetes in every pod.</summary>
    public const string ServiceHostVariable = "KUBERNETES_SERVICE_HOST";

    /// <summary>True when both the flag is on and the process runs in a Kubernetes pod.</summary>
    public static bool IsEnabled(IConfiguration configuration, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return configuration.GetValue<bool>(EnabledKey) && !string.IsNullOrEmpty(environment(ServiceHostVariable));
    }

    /// <summary>Calls <c>UseKubernetesHosting()</c> when <see cref="IsEnabled"/>; otherwise leaves the silo as it is.</summary>
    public static ISiloBuilder UseKubernetesHostingWhenEnabled(
        this ISiloBuilder silo, IConfiguration configuration, Func<string, string?>? environment = null)
    {
        if (IsEnabled(configuration, environment))
        {
            silo.UseKubernetesHosting();
        }

        return silo;
    }
}
