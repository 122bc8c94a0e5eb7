using Instagram.Grains.Search;

namespace Instagram.Silo.Search;

/// <summary>
/// The Cluster profile's list of users for a rebuild: the user grains' own rows in the Orleans grain state table,
/// the source of truth (a user exists once its grain wrote state). The ADO.NET provider stores the state name
/// ("user", UserGrain's [PersistentState]) as GrainTypeString and an integer grain key as GrainIdN1.
/// </summary>
public sealed class OrleansStorageUserDirectory(SearchDatabase database) : IUserDirectory
{
    public const string UserStateName = "user";

    public Task OnUserSeenAsync(long userId) => Task.CompletedTask;

    public async Task<IReadOnlyList<long>> GetAllUserIdsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT GrainIdN1 FROM OrleansStorage
            WHERE ServiceId = @scope AND GrainTypeString = @stateName AND PayloadBinary IS NOT NULL
            ORDER BY GrainIdN1
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string>("scope", database.Scope));
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string>("stateName", UserStateName));
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
