using System.Globalization;
using Instagram.Silo.Hosting;
using Instagram.Silo.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Instagram.Silo.Tests.Hosting;

[Trait("Category", "Services")]
public sealed class BackingServicesHealthCheckTests
{
    [Fact]
    public async Task ReadyWhenPostgresAndRedisAnswer()
    {
        var postgres = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings__Postgres is not set: run the suite with 'bash tests/run.sh'.");
        await using var check = new BackingServicesHealthCheck(new ClusterConnections(postgres, RedisTestEnvironment.ConnectionString, Blobs: "unused"));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task NotReadyWhenNeitherAnswersAndSaysWhichAndWhere()
    {
        var postgresPort = FreePorts.Next();
        var redisPort = FreePorts.Next();
        await using var check = new BackingServicesHealthCheck(new ClusterConnections(
            $"Host=127.0.0.1;Port={postgresPort};Database=instagram;Username=nobody;Password=x",
            $"127.0.0.1:{redisPort.ToString(CultureInfo.InvariantCulture)}",
            Blobs: "unused"));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains($"PostgreSQL at 127.0.0.1:{postgresPort}", result.Description);
        Assert.Contains($"Redis at 127.0.0.1:{redisPort}", result.Description);
    }
}
