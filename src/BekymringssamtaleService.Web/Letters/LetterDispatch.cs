using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BekymringssamtaleService.Web.Letters;

/// <summary>Hands letters that were not sent where they were written to send jobs, by id only.</summary>
public sealed class LetterDispatch(NpgsqlDataSource database, IBackgroundJobClient jobs, IOptions<LetterDeliverySettings> settings, TimeProvider time)
{
    public const string ReconcilerJobId = "letter-reconciler";

    /// <summary>
    /// Letters still pending a while after they were written (or after their next attempt was due) were left by a
    /// crash between the commit and the send. Enqueue them again; sending claims the row, so nothing is sent twice
    /// by two live workers.
    /// </summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT id FROM letters WHERE status = 'Pending' AND coalesce(next_attempt_at, created_at) <= @before ORDER BY created_at LIMIT 5000");
        command.Parameters.AddWithValue("before", time.GetUtcNow() - settings.Value.ReconcileAfter);
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
