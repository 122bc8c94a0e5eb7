namespace Instagram.LoadTest.Cli;

/// <summary>What the load tester drives.</summary>
public enum TargetKind
{
    /// <summary>A silo started inside the tool's own process (Orleans:Profile=Embedded), called through its IGrainFactory.</summary>
    Embedded,

    /// <summary>A running Cluster-profile cluster, called through an IClusterClient (membership in PostgreSQL).</summary>
    Cluster,

    /// <summary>The Api over HTTP on a loopback address.</summary>
    Http,
}
