using Instagram.Api.Tests.Infrastructure;
using Instagram.Grains.Common;
using Instagram.Silo.Ids;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Instagram.Api.Tests.Cluster;

/// <summary>No two processes of a service mint ids with the same generator id, whatever the deployment configures.</summary>
[Trait("Category", "Services")]
[Collection(ClusterApiCollection.Name)]
public sealed class GeneratorIdLeaseTests(ClusterApiFixture cluster)
{
    [Fact]
    public async Task EveryProcessOfTheServiceLeasesItsOwnGeneratorId()
    {
        var generators = new[]
        {
            cluster.Silo.Services.GetRequiredService<IdGenerator>(),
            cluster.First.Services.GetRequiredService<IdGenerator>(),
            cluster.Second.Services.GetRequiredService<IdGenerator>(),
        };

        var ids = generators.Select(generator => generator.GeneratorId).ToArray();
        Assert.All(ids, id => Assert.InRange(id, ClusterApiFixture.LeaseFirst, ClusterApiFixture.LeaseLast));
        Assert.Equal(ids.Length, ids.Distinct().Count());
        await using var redis = await ConnectionMultiplexer.ConnectAsync(ClusterSiloHost.RequiredConnectionString("Redis"));
        foreach (var id in ids)
        {
            Assert.True(await redis.GetDatabase().KeyExistsAsync($"instagram:{cluster.ServiceId}:generator-id:{id}"));
        }
    }

    [Fact]
    public void AProcessFindingNoFreeIdRefusesToStart()
    {
        using var fourth = new ClusterApiFactory(cluster.Settings()); // the range holds three ids, all leased
        var error = Assert.ThrowsAny<Exception>(() => fourth.Server);
        Assert.Contains("widen the range", Flatten(error));
    }

    [Fact]
    public async Task AReleasedIdPassesToTheNextProcess()
    {
        var options = Range(7, 7);
        var serviceId = Guid.NewGuid().ToString("N");

        var first = Lease(serviceId, options, TimeProvider.System);
        Assert.Equal(7, first.Generator.GeneratorId);
        Assert.Throws<InvalidOperationException>(() => Lease(serviceId, options, TimeProvider.System));

        await first.DisposeAsync();
        Assert.Throws<InvalidOperationException>(() => first.Generator.NextId());
        await using var next = Lease(serviceId, options, TimeProvider.System);
        Assert.Equal(7, next.Generator.GeneratorId);
    }

    [Fact]
    public async Task ALapsedLeaseStopsMintingUntilItIsRenewed()
    {
        var clock = new ManualClock();
        var options = Range(20, 21);
        options.LeaseDuration = TimeSpan.FromSeconds(30);
        await using var lease = Lease(Guid.NewGuid().ToString("N"), options, clock);
        lease.Generator.NextId();

        clock.Advance(TimeSpan.FromSeconds(25)); // past the lease less its safety margin
        Assert.Throws<InvalidOperationException>(() => lease.Generator.NextId());

        await lease.RenewAsync();
        lease.Generator.NextId();
    }

    [Fact]
    public async Task AnIdTakenByAnotherProcessWhileOursLapsedIsGivenUp()
    {
        var options = Range(30, 31);
        var serviceId = Guid.NewGuid().ToString("N");
        await using var redis = await ConnectionMultiplexer.ConnectAsync(ClusterSiloHost.RequiredConnectionString("Redis"));
        await using var lease = Lease(serviceId, options, TimeProvider.System);
        var ours = lease.Generator.GeneratorId;

        // What Redis sees when our renewals did not arrive in time and another process leased the id.
        await redis.GetDatabase().StringSetAsync($"instagram:{serviceId}:generator-id:{ours}", "another process");
        await lease.RenewAsync();

        Assert.Equal(61 - ours, lease.Generator.GeneratorId);
        lease.Generator.NextId();
    }

    private static GeneratorIdLease Lease(string serviceId, IdOptions options, TimeProvider time) => GeneratorIdLease.Acquire(
        ConnectionMultiplexer.Connect(ClusterSiloHost.RequiredConnectionString("Redis")), serviceId, options, time, NullLogger.Instance);

    private static IdOptions Range(int first, int last) => new() { LeaseFirst = first, LeaseLast = last };

    private static string Flatten(Exception error) => error.InnerException is null ? error.Message : error.Message + " " + Flatten(error.InnerException);
}
