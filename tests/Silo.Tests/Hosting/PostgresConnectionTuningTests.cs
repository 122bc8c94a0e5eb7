using Instagram.Silo.Hosting;
using Npgsql;

namespace Instagram.Silo.Tests.Hosting;

public sealed class PostgresConnectionTuningTests
{
    [Fact]
    public void PooledConnectionsAreNotResetAndRepeatedStatementsArePrepared()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionTuning.Apply("Host=db;Database=instagram;Username=app"));

        Assert.True(tuned.NoResetOnClose);
        Assert.True(tuned.MaxAutoPrepare > 0);
        Assert.Equal("db", tuned.Host);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;NoResetOnClose=false;MaxAutoPrepare=0")]
    public void WhatTheOperatorSetIsKept(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionTuning.Apply(connectionString));

        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(0, tuned.MaxAutoPrepare);
    }
}
