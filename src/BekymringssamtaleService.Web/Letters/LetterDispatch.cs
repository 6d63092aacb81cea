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
    /// Letters still pending after the grace period lost their job (a crash between commit and enqueue, or a job that
    /// gave up): enqueue them again. Sending claims the row, so a letter whose first job is still alive is not sent twice.
    /// </summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT id FROM letters WHERE status = 'Pending' AND created_at < @before ORDER BY created_at LIMIT 1000");
        command.Parameters.AddWithValue("before", time.GetUtcNow() - Grace);
        await EnqueueAsync(command, cancellationToken);
    }

    private async Task EnqueueAsync(NpgsqlCommand command, CancellationToken cancellationToken)
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
    }
}
