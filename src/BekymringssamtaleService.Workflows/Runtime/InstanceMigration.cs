using System.Text.Json;
using Npgsql;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// Moving running instances from older versions of a workflow to a newer published one, safely while hosts run: each
/// instance moves in a transaction of its own, under a lock on its row, with the instance's version raised, so a
/// trigger that read the instance before the move loses its race and is refused as a conflict, as two triggers are.
/// </summary>
public sealed class InstanceMigration(NpgsqlDataSource database, PublishedDefinitions definitions, TimeProvider time)
{
    /// <summary>
    /// The instances of the workflow's older versions with what they wait at: the pending timers of their state entry
    /// and their open tasks (through the partial indexes by instance), a task's completing trigger among those that answer it.
    /// </summary>
    private const string RunningInstances =
        """
        SELECT i.id, i.definition_id, d.version, i.state, i.previous_state,
            ARRAY(SELECT t.name FROM workflow.timers t WHERE t.instance_id = i.id AND t.entry = i.entry AND t.status = 'pending' ORDER BY t.name),
            (SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'name', k.name,
                    'ofTheState', NOT k.outlives_state,
                    'answeredBy', CASE WHEN k.completes_trigger IS NULL THEN k.answered_by ELSE k.completes_trigger || k.answered_by END)
                ORDER BY k.name), '[]') FROM workflow.tasks k WHERE k.instance_id = i.id AND k.status = 'open')::text
        FROM workflow.instances i JOIN workflow.definitions d ON d.id = i.definition_id
        WHERE d.name = @name AND d.version < @version
        """;

    /// <summary>
    /// The running instances (not in a final state) of the workflow's versions older than <paramref name="toVersion"/>,
    /// oldest first, each with what it waits at and whether it can move. Reads only.
    /// </summary>
    public async Task<MigrationPlan> PlanAsync(string workflow, int toVersion, CancellationToken cancellationToken)
    {
        var target = await TargetAsync(workflow, toVersion, cancellationToken);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"{RunningInstances} ORDER BY i.id", connection);
        command.Parameters.AddWithValue("name", workflow);
        command.Parameters.AddWithValue("version", toVersion);
        var items = new List<MigrationItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (await ReadAsync(reader, target, cancellationToken) is { } item)
            {
                items.Add(item);
            }
        }

        return new MigrationPlan(workflow, toVersion, items);
    }

    /// <summary>
    /// Moves the plan's instances that can move, each looked at again in its own transaction under a row lock (it may
    /// have changed since the plan): the instance's version is raised, its definition becomes the target and the
    /// journal says so ("migrated", "1->2"). Timers and tasks are kept: they exist in the target too. An instance that
    /// cannot move is left as it is; one that ended or was moved meanwhile is no longer in the answer. Running it again
    /// moves nothing twice. <paramref name="instanceDone"/> is told after each instance of the plan.
    /// </summary>
    public async Task<MigrationPlan> MigrateAsync(MigrationPlan plan, Actor actor, Action<MigrationItem?> instanceDone, CancellationToken cancellationToken)
    {
        var target = await TargetAsync(plan.Workflow, plan.ToVersion, cancellationToken);
        var items = new List<MigrationItem>();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        foreach (var planned in plan.Items)
        {
            var item = await MigrateAsync(connection, planned.InstanceId, target, actor, cancellationToken);
            if (item is not null)
            {
                items.Add(item);
            }

            instanceDone(item);
        }

        return plan with { Items = items };
    }

    private async Task<MigrationItem?> MigrateAsync(
        NpgsqlConnection connection, Guid instanceId, PublishedDefinition target, Actor actor, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        MigrationItem? item;
        await using (var command = new NpgsqlCommand($"{RunningInstances} AND i.id = @id FOR UPDATE OF i", connection, transaction))
        {
            command.Parameters.AddWithValue("name", target.Definition.Name);
            command.Parameters.AddWithValue("version", target.Version);
            command.Parameters.AddWithValue("id", instanceId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            item = await reader.ReadAsync(cancellationToken) ? await ReadAsync(reader, target, cancellationToken) : null;
        }

        if (item is { Movable: true })
        {
            var now = time.GetUtcNow();
            await using var batch = new NpgsqlBatch(connection, transaction);
            Statements.Add(batch, "UPDATE workflow.instances SET definition_id = @target, version = version + 1, updated_at = @now WHERE id = @id",
                ("target", target.Id), ("now", now), ("id", instanceId));
            Statements.Journal(batch, instanceId, now, "migrated", $"{item.FromVersion}->{target.Version}", item.State, item.State, actor.Id);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return item;
    }

    private async Task<PublishedDefinition> TargetAsync(string workflow, int toVersion, CancellationToken cancellationToken) =>
        await definitions.FindAsync(workflow, toVersion, cancellationToken)
            ?? throw new ArgumentException($"The workflow {workflow} has no published version {toVersion}.", nameof(toVersion));

    /// <summary>The instance as the plan shows it; null when it is in a final state of its version (it runs no more).</summary>
    private async Task<MigrationItem?> ReadAsync(NpgsqlDataReader reader, PublishedDefinition target, CancellationToken cancellationToken)
    {
        var from = (await definitions.GetAsync(reader.GetInt32(1), cancellationToken)).Definition;
        var state = reader.GetString(3);
        if (from.States.Any(candidate => candidate.Name == state && candidate.Final))
        {
            return null;
        }

        var tasks = JsonSerializer.Deserialize<List<OpenTaskWait>>(reader.GetString(6), JsonSerializerOptions.Web)!;
        var waits = new InstanceWaits(state, await reader.IsDBNullAsync(4, cancellationToken) ? null : reader.GetString(4), reader.GetFieldValue<string[]>(5), tasks);
        return new MigrationItem(reader.GetGuid(0), reader.GetInt32(2), state, waits.Names, waits.Refusal(target.Definition, target.Version));
    }
}
