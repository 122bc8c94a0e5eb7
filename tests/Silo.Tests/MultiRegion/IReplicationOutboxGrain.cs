namespace Instagram.Silo.Tests.MultiRegion;

/// <summary>The replication consumer of one user's event streams (key = user id); it has no calls of its own.</summary>
[Alias("Instagram.Silo.Tests.MultiRegion.IReplicationOutboxGrain")]
public interface IReplicationOutboxGrain : IGrainWithIntegerKey;
