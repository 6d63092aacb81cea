using Npgsql;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>Moving open instances to another published version.</summary>
public sealed class InstanceMigration(NpgsqlDataSource database, PublishedDefinitions definitions, TimeProvider time)
{
    /// <summary>
    /// Moves the workflow's open instances to another published version. Instances whose state (or the state they
    /// would resume to) the target version lacks are refused and stay where they are. A dry run changes nothing.
    /// </summary>
    public async Task<MigrationPlan> MigrateAsync(string workflow, int toVersion, bool dryRun, Actor actor, CancellationToken cancellationToken)
    {
        int targetId;
        await using (var find = database.CreateCommand("SELECT id FROM workflow.definitions WHERE name = @name AND version = @version"))
        {
            find.Parameters.AddWithValue("name", workflow);
            find.Parameters.AddWithValue("version", toVersion);
            targetId = await find.ExecuteScalarAsync(cancellationToken) as int?
                ?? throw new ArgumentException($"The workflow {workflow} has no version {toVersion}.", nameof(toVersion));
        }

        var target = (await definitions.GetAsync(targetId, cancellationToken)).Definition;
        var items = new List<MigrationItem>();
        await using (var command = database.CreateCommand(
            """
            SELECT i.id, d.version, i.state, i.previous_state FROM workflow.instances i JOIN workflow.definitions d ON d.id = i.definition_id
            WHERE d.name = @name AND d.id <> @target ORDER BY i.id
            """))
        {
            command.Parameters.AddWithValue("name", workflow);
            command.Parameters.AddWithValue("target", targetId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var state = reader.GetString(2);
                var previous = await reader.IsDBNullAsync(3, cancellationToken) ? null : reader.GetString(3);
                var refusal = MigrationPlan.Refusal(target, toVersion, state, previous);
                items.Add(new MigrationItem(reader.GetGuid(0), reader.GetInt32(1), state, refusal));
            }
        }

        if (!dryRun)
        {
            var now = time.GetUtcNow();
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            foreach (var item in items.Where(item => item.Refusal is null))
            {
                await using var batch = new NpgsqlBatch(connection);
                Statements.Add(batch, "UPDATE workflow.instances SET definition_id = @target, version = version + 1, updated_at = @now WHERE id = @id",
                    ("target", targetId), ("now", now), ("id", item.InstanceId));
                Statements.Journal(batch, item.InstanceId, now, "migrated", $"{item.FromVersion}->{toVersion}", item.State, item.State, actor.Id);
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return new MigrationPlan(workflow, toVersion, dryRun, items);
    }
}
