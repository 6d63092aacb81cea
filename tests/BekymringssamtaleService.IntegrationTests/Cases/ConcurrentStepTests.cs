using System.Net;
using BekymringssamtaleService.Testing;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>Two people changing one case at the same moment: the optimistic version check lets exactly one win.</summary>
public sealed class ConcurrentStepTests(SharedHost shared)
{
    [Fact]
    public async Task Of_two_steps_that_read_the_case_at_the_same_version_one_succeeds_and_the_other_is_told_someone_else_changed_it()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await api.RegisterAsync();

        // Holding the instance's row makes both steps read the same version and then wait at their versioned update,
        // so it is the version check — not the rule that the case has moved on — that decides between them.
        await using var holder = new NpgsqlConnection(shared.Host.ConnectionString);
        await holder.OpenAsync(Token);
        var hold = await holder.BeginTransactionAsync(Token);
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM workflow.instances WHERE id = @id FOR UPDATE", holder, hold))
        {
            lockRow.Parameters.AddWithValue("id", id);
            await lockRow.ExecuteNonQueryAsync(Token);
        }

        var steps = new[]
        {
            api.TryStepAsync(id, "choose-track", new { track = "voluntary" }),
            api.TryStepAsync(id, "choose-track", new { track = "voluntary" }),
        };
        await Eventually.TrueAsync(async () => await BlockedByAsync(holder) == 2, "both steps waiting at their versioned update");
        await hold.RollbackAsync(Token);
        var responses = await Task.WhenAll(steps);

        try
        {
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
            var loser = await CaseApi.ProblemAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Conflict), HttpStatusCode.Conflict);
            Assert.Equal("Samtidig endring", loser.Title);
            Assert.Single(await api.TimelineAsync(id), item => item.Title == "Frivillig innkalling valgt");
            Assert.Equal("ReadyToInvite", (await api.GetAsync(id)).State);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// How many sessions wait for the holder: directly, or behind another waiter (the second in a row lock's queue
    /// waits for the first).
    /// </summary>
    private static async Task<long> BlockedByAsync(NpgsqlConnection holder)
    {
        await using var connection = new NpgsqlConnection(holder.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FROM pg_stat_activity waiting
            WHERE @holder = ANY (pg_blocking_pids(waiting.pid))
               OR EXISTS (SELECT 1 FROM pg_stat_activity ahead
                          WHERE ahead.pid = ANY (pg_blocking_pids(waiting.pid)) AND @holder = ANY (pg_blocking_pids(ahead.pid)))
            """,
            connection);
        command.Parameters.AddWithValue("holder", holder.ProcessID);
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }
}
