using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Workflows.Tests;

/// <summary>The probe's Working has a review task for the Lead of the instance's unit, which completes with Approve.</summary>
public sealed class UserTaskTests(EngineDatabase db) : IClassFixture<EngineDatabase>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Entering_a_state_creates_its_user_tasks_for_the_units_role_and_leaving_it_closes_them()
    {
        var instance = await db.StartWorkingAsync();
        var task = await db.ScalarAsync<string>(
            "SELECT name || ' ' || candidate_role || ' ' || unit_code || ' ' || status FROM workflow.tasks WHERE instance_id = @id", instance);
        var due = await db.ScalarAsync<DateTimeOffset>("SELECT due_at FROM workflow.tasks WHERE instance_id = @id", instance);

        Assert.Equal(new FireOutcome.Fired("Working", "Submitted", 3),
            await db.Engine.Transitions.FireAsync(instance, "Submit", new() { ["label"] = "ferdig" }, ProbeWorkflow.Officer, Token));

        Assert.Equal("Review Lead OSLO-SENTRUM open", task);
        Assert.Equal(db.Clock.GetUtcNow() + TimeSpan.FromDays(2), due);
        Assert.Equal("cancelled", await db.ScalarAsync<string>("SELECT status FROM workflow.tasks WHERE instance_id = @id", instance));
    }

    [Fact]
    public async Task Completing_a_task_fires_its_trigger_and_only_a_candidate_may_complete_it()
    {
        var instance = await db.StartWorkingAsync();
        var task = await db.ScalarAsync<Guid>("SELECT id FROM workflow.tasks WHERE instance_id = @id AND status = 'open'", instance);

        var byOfficer = await db.Engine.Tasks.CompleteAsync(task, [], ProbeWorkflow.Officer, Token);
        var stateAfterOfficer = await db.StateAsync(instance);
        var byLead = await db.Engine.Tasks.CompleteAsync(task, [], ProbeWorkflow.Lead, Token);
        var again = await db.Engine.Tasks.CompleteAsync(task, [], ProbeWorkflow.Lead, Token);

        Assert.Equal(TaskCompletionStatus.NotACandidate, byOfficer.Status);
        Assert.Equal("Working", stateAfterOfficer);
        Assert.Equal(new TaskCompletion(TaskCompletionStatus.Completed, new FireOutcome.Fired("Working", "Approved", 3)), byLead);
        Assert.Equal(TaskCompletionStatus.NotFound, again.Status);
        Assert.Equal("Approved", await db.StateAsync(instance));
        Assert.Equal("done leder-oslo", await db.ScalarAsync<string>("SELECT status || ' ' || completed_by FROM workflow.tasks WHERE id = @id", task));
        Assert.Equal(["started probe", "transition Begin", "transition Approve"], await db.JournalAsync(instance));
    }
}
