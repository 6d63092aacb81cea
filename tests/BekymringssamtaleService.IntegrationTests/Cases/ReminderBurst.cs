using Npgsql;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>Volume without a thousand invitations: an invited case's reminders, many at once, and how far they have got.</summary>
internal static class ReminderBurst
{
    /// <summary>The case's one-day reminder timer, as many times over, due now.</summary>
    public static async Task AddDueAsync(string connectionString, Guid caseId, int count, CancellationToken cancellationToken)
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

    /// <summary>A count over the case's rows: <c>@case</c> in the query is the case's id.</summary>
    public static async Task<long> CountAsync(string connectionString, Guid caseId, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("case", caseId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
