namespace Instagram.Silo.Hosting;

/// <summary>Which backing services the cluster runs on; the grain code is the same in both.</summary>
public enum OrleansProfile
{
    /// <summary>Everything in one process and in memory: nothing to install.</summary>
    Embedded,

    /// <summary>Separate silos on PostgreSQL, Redis Streams and Blob Storage.</summary>
    Cluster,
}
