using Npgsql;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>Volume without a thousand invitations: an invited case's one-day reminder timer, as many times over, due now.</summary>
internal static class DueReminders
{
    public static async Task AddAsync(string connectionString, Guid caseId, int count, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO workflow.timers (id, instance_id, entry, name, due_at, status)
            SELECT gen_random_uuid(), i.id, i.entry, 'ParticipantReminderOneDay', now(), 'pending'
            FROM workflow.instances i, generate_series(1, @count) WHERE i.id = @case AND i.state = 'Invited'
            """,
            connection);
        command.Parameters.AddWithValue("case", caseId);
        command.Parameters.AddWithValue("count", count);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != count)
        {
            throw new InvalidOperationException("The case is not invited: its reminders would never fire.");
        }
    }
}
