using System.Text.Json.Nodes;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Workflows.Runtime;
using Npgsql;

namespace BekymringssamtaleService.Workflows.Tests;

/// <summary>Firing triggers: who wins a race, what is refused, what an activity sees and what its refusal undoes.</summary>
public sealed class TransitionTests(EngineDatabase db) : IClassFixture<EngineDatabase>
{
    private const int Contenders = 50;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Of_fifty_triggers_that_read_the_instance_at_the_same_version_one_fires_and_every_other_gets_a_conflict()
    {
        var instance = await db.StartAsync();

        // Note stays in Waiting, so no contender can be refused for the state: only the version check can stop one.
        // The test holds the instance's row until every contender has read version 1 and waits to write it.
        Task<FireOutcome>[] contenders;
        await using (var holder = await db.DataSource.OpenConnectionAsync(Token))
        await using (var hold = await holder.BeginTransactionAsync(Token))
        {
            await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM workflow.instances WHERE id = @id FOR UPDATE", holder, hold))
            {
                lockRow.Parameters.AddWithValue("id", instance);
                await lockRow.ExecuteNonQueryAsync(Token);
            }

            contenders = [.. Enumerable.Range(0, Contenders).Select(_ => Task.Run(() => db.Engine.Transitions.FireAsync(instance, "Note", [], ProbeWorkflow.Officer, Token), Token))];
            await Eventually.TrueAsync(async () => await db.WaitingForLocksAsync() == Contenders, $"all {Contenders} contenders wait to write the instance");
            await hold.RollbackAsync(Token);
        }

        var outcomes = await Task.WhenAll(contenders);

        Assert.Equal(new FireOutcome.Fired("Waiting", "Waiting", 2), Assert.Single(outcomes, outcome => outcome is FireOutcome.Fired));
        Assert.Equal(Contenders - 1, outcomes.Count(outcome => outcome is FireOutcome.Conflict));
        Assert.Equal(["started probe", "transition Note"], await db.JournalAsync(instance));
        Assert.Equal(2, await db.VersionAsync(instance));
    }

    [Fact]
    public async Task A_trigger_from_the_wrong_state_by_the_wrong_role_refused_by_its_guard_or_with_bad_input_changes_nothing()
    {
        var instance = await db.StartAsync();

        var wrongState = await db.Engine.Transitions.FireAsync(instance, "Approve", [], ProbeWorkflow.Lead, Token);
        var wrongRole = await db.Engine.Transitions.FireAsync(instance, "Begin", new JsonObject { ["reference"] = "24123458" }, ProbeWorkflow.Lead, Token);
        var guarded = await db.Engine.Transitions.FireAsync(instance, "Begin", [], ProbeWorkflow.Officer, Token);
        var invalid = await db.Engine.Transitions.FireAsync(instance, "Begin", new JsonObject { ["reference"] = 5, ["colour"] = "blue" }, ProbeWorkflow.Officer, Token);
        var unknown = await db.Engine.Transitions.FireAsync(instance, "Dance", [], ProbeWorkflow.Officer, Token);

        Assert.Equal(new FireOutcome.Refused(TriggerCheck.NotFromThisState), wrongState);
        Assert.Equal(new FireOutcome.Refused(TriggerCheck.RoleNotAllowed), wrongRole);
        Assert.Equal(new FireOutcome.Refused(TriggerCheck.GuardRefused), guarded);
        Assert.Equal(["colour", "reference"], Assert.IsType<FireOutcome.InvalidInput>(invalid).Errors.Keys.Order());
        Assert.Equal(new FireOutcome.Refused(TriggerCheck.UnknownTrigger), unknown);
        Assert.Equal("Waiting", await db.StateAsync(instance));
        Assert.Equal(1, await db.VersionAsync(instance));
        Assert.Equal("{}", await db.ScalarAsync<string>("SELECT data::text FROM workflow.instances WHERE id = @id", instance));
        Assert.Equal(["started probe"], await db.JournalAsync(instance));
        Assert.Equal("pending", await db.ScalarAsync<string>("SELECT status FROM workflow.timers WHERE instance_id = @id", instance));
    }

    [Fact]
    public async Task An_activity_sees_the_instance_data_exactly_as_the_trigger_left_it()
    {
        var instance = await db.StartWorkingAsync();

        var outcome = await db.Engine.Transitions.FireAsync(instance, "Submit", new JsonObject { ["label"] = "første utkast" }, ProbeWorkflow.Officer, Token);

        Assert.Equal(new FireOutcome.Fired("Working", "Submitted", 3), outcome);
        var expected = JsonNode.Parse("""{"reference": "24123458", "submitted": true, "label": "første utkast"}""");
        // What the activity was given, and the instance row as it read it in the trigger's transaction.
        Assert.Equal("Submitted", await db.ScalarAsync<string>("SELECT given_state FROM activity_writes WHERE instance_id = @id", instance));
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(await db.ScalarAsync<string>("SELECT given_data::text FROM activity_writes WHERE instance_id = @id", instance))));
        Assert.Equal("Submitted 3", await db.ScalarAsync<string>("SELECT row_state || ' ' || row_version FROM activity_writes WHERE instance_id = @id", instance));
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(await db.ScalarAsync<string>("SELECT row_data::text FROM activity_writes WHERE instance_id = @id", instance))));
        Assert.Equal(["started probe", "transition Begin", "transition Submit", "task-cancelled Review", "activity record"], await db.JournalAsync(instance));
    }

    [Fact]
    public async Task An_activity_that_refuses_its_trigger_refuses_all_of_it_and_nothing_of_the_trigger_is_saved()
    {
        var instance = await db.StartWorkingAsync();
        var journal = await db.JournalAsync(instance);

        var refusal = await Assert.ThrowsAsync<ActivityRefusedException>(() =>
            db.Engine.Transitions.FireAsync(instance, "Withdraw", [], ProbeWorkflow.Officer, AlongsideWrites.Row, Token));

        Assert.Equal("Saken mangler noe.", refusal.Message);
        Assert.Equal("Working", await db.StateAsync(instance));
        Assert.Equal(2, await db.VersionAsync(instance));
        Assert.Equal(journal, await db.JournalAsync(instance));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM alongside_writes WHERE instance_id = @id", instance));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM activity_writes WHERE instance_id = @id", instance));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM workflow.activity_executions WHERE instance_id = @id", instance));
        Assert.Equal("open", await db.ScalarAsync<string>("SELECT status FROM workflow.tasks WHERE instance_id = @id AND name = 'Review'", instance));
        Assert.Equal(new FireOutcome.Fired("Working", "Working", 3), await db.Engine.Transitions.FireAsync(instance, "Note", [], ProbeWorkflow.Officer, Token));
    }

    [Fact]
    public async Task The_journal_cannot_be_changed_or_emptied()
    {
        var instance = await db.StartAsync();

        var update = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync($"UPDATE workflow.journal SET code = 'x' WHERE instance_id = '{instance}'"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync($"DELETE FROM workflow.journal WHERE instance_id = '{instance}'"));
        var truncate = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync("TRUNCATE workflow.journal"));

        Assert.All([update, delete, truncate], refused => Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal));
        Assert.Equal(["started probe"], await db.JournalAsync(instance));
    }

    [Fact]
    public async Task Who_began_the_work_may_not_approve_it_by_the_trigger_or_by_completing_the_review_task_and_another_Lead_may()
    {
        var instance = await db.StartAsync();
        await db.Engine.Transitions.FireAsync(instance, "Begin", new JsonObject { ["reference"] = "24123458" }, ProbeWorkflow.LeadOfficer, Token);

        var ownApproval = await db.Engine.Transitions.FireAsync(instance, "Approve", [], ProbeWorkflow.LeadOfficer, Token);
        var review = await db.ScalarAsync<Guid>("SELECT id FROM workflow.tasks WHERE instance_id = @id AND name = 'Review'", instance);
        var ownReview = await db.Engine.Tasks.CompleteAsync(review, new TaskOutcome(), ProbeWorkflow.LeadOfficer, UserTasks.NothingAlongside, Token);

        Assert.Equal(new FireOutcome.Refused(TriggerCheck.SameActorAsked), ownApproval);
        Assert.Equal(new FireOutcome.Refused(TriggerCheck.SameActorAsked), ownReview.Trigger);
        Assert.Equal("Working", await db.StateAsync(instance));
        Assert.IsType<FireOutcome.Fired>(await db.Engine.Transitions.FireAsync(instance, "Approve", [], ProbeWorkflow.Lead, Token));
    }
}
