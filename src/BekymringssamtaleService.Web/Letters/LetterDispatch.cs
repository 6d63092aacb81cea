using Hangfire;
using Npgsql;

namespace BekymringssamtaleService.Web.Letters;

/// <summary>Hands pending letters to send jobs, by id only.</summary>
public sealed class LetterDispatch(NpgsqlDataSource database, IBackgroundJobClient jobs, TimeProvider time)
{
    public const string ReconcilerJobId = "letter-reconciler";

    /// <summary>How long a pending letter may wait for its job before the reconciler hands it over again.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    public async Task DispatchExecutionAsync(Guid executionId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT id FROM letters WHERE execution_id = @execution AND status = 'Pending'");
        command.Parameters.AddWithValue("execution", executionId);
        await EnqueueAsync(command, cancellationToken);
    }

    /// <summary>
    /// Letters still pending after the grace period (past their next attempt, if one failed) lost their job: a crash
    /// between commit and enqueue. Enqueue them again; sending claims the row, so a live job is never doubled.
    /// </summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT id FROM letters WHERE status = 'Pending' AND coalesce(next_attempt_at, created_at) < @before ORDER BY created_at LIMIT 1000");
        command.Parameters.AddWithValue("before", time.GetUtcNow() - Grace);
        await EnqueueAsync(command, cancellationToken);
    }

    /// <summary>An administrator's retry of a letter that became an incident: a fresh round of attempts, now.</summary>
    public async Task<bool> RetryFailedAsync(Guid letterId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "UPDATE letters SET status = 'Pending', attempts = 0, next_attempt_at = NULL WHERE id = @id AND status = 'Failed' RETURNING id");
        command.Parameters.AddWithValue("id", letterId);
        return await EnqueueAsync(command, cancellationToken) > 0;
    }

    private async Task<int> EnqueueAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        foreach (var id in ids)
        {
            jobs.Enqueue<LetterDelivery>(delivery => delivery.SendAsync(id, CancellationToken.None));
        }

        return ids.Count;
    }
}
