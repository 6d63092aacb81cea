using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Workflows.Tests;

/// <summary>
/// The probe's Working has a review task for the Lead of the instance's unit, which completes with Approve and is
/// answered by Return; Ask makes an officer's task by an activity, answered by Answer; Check makes one that asks for a date.
/// </summary>
public sealed class UserTaskTests(EngineDatabase db) : IClassFixture<EngineDatabase>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Entering_a_state_creates_its_user_tasks_for_the_units_role_and_leaving_it_unanswered_cancels_them_in_the_journal()
    {
        var instance = await db.StartWorkingAsync();
        var task = await db.ScalarAsync<string>(
            "SELECT name || ' ' || candidate_role || ' ' || unit_code || ' ' || status FROM workflow.tasks WHERE instance_id = @id", instance);
        var due = await db.ScalarAsync<DateTimeOffset>("SELECT due_at FROM workflow.tasks WHERE instance_id = @id", instance);

        Assert.Equal(new FireOutcome.Fired("Working", "Submitted", 3),
            await db.Engine.Transitions.FireAsync(instance, "Submit", new() { ["label"] = "ferdig" }, ProbeWorkflow.Officer, Token));

        Assert.Equal("Review Lead OSLO-SENTRUM open", task);
        Assert.Equal(db.Clock.GetUtcNow() + TimeSpan.FromDays(2), due);
        Assert.Equal("cancelled betjent-oslo", await db.ScalarAsync<string>("SELECT status || ' ' || cancelled_by FROM workflow.tasks WHERE instance_id = @id", instance));
        Assert.Contains("task-cancelled Review", await db.JournalAsync(instance));
    }

    [Fact]
    public async Task Completing_a_task_fires_its_trigger_and_only_a_candidate_may_complete_it()
    {
        var instance = await db.StartWorkingAsync();
        var task = await db.ScalarAsync<Guid>("SELECT id FROM workflow.tasks WHERE instance_id = @id AND status = 'open'", instance);

        var byOfficer = await db.Engine.Tasks.CompleteAsync(task, new TaskOutcome(), ProbeWorkflow.Officer, UserTasks.NothingAlongside, Token);
        var stateAfterOfficer = await db.StateAsync(instance);
        var byLead = await db.Engine.Tasks.CompleteAsync(task, new TaskOutcome(), ProbeWorkflow.Lead, UserTasks.NothingAlongside, Token);
        var again = await db.Engine.Tasks.CompleteAsync(task, new TaskOutcome(), ProbeWorkflow.Lead, UserTasks.NothingAlongside, Token);

        Assert.Equal(TaskChange.NotAllowed, byOfficer.Status);
        Assert.Equal("Working", stateAfterOfficer);
        Assert.Equal(new TaskCompletion(TaskChange.Changed, new FireOutcome.Fired("Working", "Approved", 3)), byLead);
        Assert.Equal(TaskChange.NotOpen, again.Status);
        Assert.Equal("Approved", await db.StateAsync(instance));
        Assert.Equal("done leder-oslo", await db.ScalarAsync<string>("SELECT status || ' ' || completed_by FROM workflow.tasks WHERE id = @id", task));
        Assert.Equal(["started probe", "transition Begin", "transition Approve", "task-completed Review"], await db.JournalAsync(instance));
    }

    [Fact]
    public async Task A_state_task_is_completed_by_a_trigger_that_answers_it_not_cancelled_when_that_trigger_leaves_the_state()
    {
        var instance = await db.StartWorkingAsync();

        await db.Engine.Transitions.FireAsync(instance, "Return", [], ProbeWorkflow.Lead, Token);

        Assert.Equal("Waiting", await db.StateAsync(instance));
        Assert.Equal("done leder-oslo", await db.ScalarAsync<string>("SELECT status || ' ' || completed_by FROM workflow.tasks WHERE instance_id = @id AND name = 'Review'", instance));
        Assert.Equal(["started probe", "transition Begin", "transition Return", "task-completed Review"], await db.JournalAsync(instance));
    }

    [Fact]
    public async Task A_task_made_by_an_activity_outlives_the_state_and_is_completed_in_the_journal_by_the_trigger_that_answers_it()
    {
        var instance = await db.StartWorkingAsync();
        await db.Engine.Transitions.FireAsync(instance, "Ask", [], ProbeWorkflow.Officer, Token);

        await db.Engine.Transitions.FireAsync(instance, "Submit", new() { ["label"] = "ferdig" }, ProbeWorkflow.Officer, Token);
        var afterLeaving = await FollowUpStatusAsync(instance);
        await db.Engine.Transitions.FireAsync(instance, "Answer", [], ProbeWorkflow.OtherOfficer, Token);

        Assert.Equal("open", afterLeaving);
        Assert.Equal("done betjent-oslo-2", await db.ScalarAsync<string>("SELECT status || ' ' || completed_by FROM workflow.tasks WHERE instance_id = @id AND name = 'Follow'", instance));
        Assert.Equal(["transition Answer", "task-completed Follow"], (await db.JournalAsync(instance)).TakeLast(2));
    }

    [Fact]
    public async Task An_instance_that_ends_cancels_every_task_still_open_in_the_journal()
    {
        var instance = await db.StartWorkingAsync();
        await db.Engine.Transitions.FireAsync(instance, "Ask", [], ProbeWorkflow.Officer, Token);

        await db.Engine.Transitions.FireAsync(instance, "Approve", [], ProbeWorkflow.Lead, Token);

        Assert.Equal("Approved", await db.StateAsync(instance));
        Assert.Equal("cancelled leder-oslo", await db.ScalarAsync<string>("SELECT status || ' ' || cancelled_by FROM workflow.tasks WHERE instance_id = @id AND name = 'Follow'", instance));
        Assert.Contains("task-cancelled Follow", await db.JournalAsync(instance));
    }

    [Fact]
    public async Task Of_two_claims_at_the_same_moment_one_takes_the_task_and_the_other_finds_it_taken()
    {
        var task = await FollowUpTaskAsync("Ask");

        var claims = await Task.WhenAll(
            Task.Run(() => db.Engine.Tasks.ClaimAsync(task, ProbeWorkflow.Officer, UserTasks.NothingAlongside, Token), Token),
            Task.Run(() => db.Engine.Tasks.ClaimAsync(task, ProbeWorkflow.OtherOfficer, UserTasks.NothingAlongside, Token), Token));

        Assert.Equal([TaskChange.Changed, TaskChange.Taken], claims.Order());
        var assignee = await db.ScalarAsync<string>("SELECT assignee FROM workflow.tasks WHERE id = @id", task);
        Assert.Equal(claims[0] == TaskChange.Changed ? "betjent-oslo" : "betjent-oslo-2", assignee);
        Assert.Equal(TaskChange.NotAllowed, await db.Engine.Tasks.ClaimAsync(task, ProbeWorkflow.Lead, UserTasks.NothingAlongside, Token));
    }

    [Fact]
    public async Task The_assignee_or_the_overseeing_Lead_gives_a_task_to_someone_else_and_nobody_else_may()
    {
        var task = await FollowUpTaskAsync("Ask");
        await db.Engine.Tasks.ClaimAsync(task, ProbeWorkflow.Officer, UserTasks.NothingAlongside, Token);

        var byAnotherOfficer = await db.Engine.Tasks.AssignAsync(task, "betjent-oslo-2", ProbeWorkflow.OtherOfficer, UserTasks.NothingAlongside, Token);
        var byAssignee = await db.Engine.Tasks.AssignAsync(task, "betjent-oslo-2", ProbeWorkflow.Officer, UserTasks.NothingAlongside, Token);
        var byLead = await db.Engine.Tasks.AssignAsync(task, "betjent-oslo", ProbeWorkflow.Lead, UserTasks.NothingAlongside, Token);

        Assert.Equal([TaskChange.NotAllowed, TaskChange.Changed, TaskChange.Changed], [byAnotherOfficer, byAssignee, byLead]);
        Assert.Equal("betjent-oslo", await db.ScalarAsync<string>("SELECT assignee FROM workflow.tasks WHERE id = @id", task));
    }

    [Fact]
    public async Task A_task_that_asks_for_a_date_is_not_completed_without_one_and_keeps_the_note_and_date_it_was_completed_with()
    {
        var task = await FollowUpTaskAsync("Check");
        var reportedOn = DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime);

        var withoutDate = await db.Engine.Tasks.CompleteAsync(task, new TaskOutcome("Sendt på e-post."), ProbeWorkflow.Officer, UserTasks.NothingAlongside, Token);
        var withDate = await db.Engine.Tasks.CompleteAsync(task, new TaskOutcome("Sendt på e-post.", reportedOn), ProbeWorkflow.Officer, UserTasks.NothingAlongside, Token);

        Assert.Equal(TaskChange.DateRequired, withoutDate.Status);
        Assert.Equal(TaskChange.Changed, withDate.Status);
        Assert.Equal("done Sendt på e-post.", await db.ScalarAsync<string>("SELECT status || ' ' || note FROM workflow.tasks WHERE id = @id", task));
        Assert.Equal(reportedOn, await db.ScalarAsync<DateOnly>("SELECT done_on FROM workflow.tasks WHERE id = @id", task));
    }

    [Fact]
    public async Task A_candidate_cancels_a_task_with_a_reason_and_a_cancelled_task_can_no_longer_be_claimed()
    {
        var task = await FollowUpTaskAsync("Ask");

        var cancelled = await db.Engine.Tasks.CancelAsync(task, "Familien har ringt selv.", ProbeWorkflow.OtherOfficer, UserTasks.NothingAlongside, Token);
        var claim = await db.Engine.Tasks.ClaimAsync(task, ProbeWorkflow.Officer, UserTasks.NothingAlongside, Token);

        Assert.Equal([TaskChange.Changed, TaskChange.NotOpen], [cancelled, claim]);
        Assert.Equal("cancelled betjent-oslo-2 Familien har ringt selv.",
            await db.ScalarAsync<string>("SELECT status || ' ' || cancelled_by || ' ' || note FROM workflow.tasks WHERE id = @id", task));
    }

    private async Task<Guid> FollowUpTaskAsync(string trigger)
    {
        var instance = await db.StartWorkingAsync();
        await db.Engine.Transitions.FireAsync(instance, trigger, [], ProbeWorkflow.Officer, Token);
        return await db.ScalarAsync<Guid>("SELECT id FROM workflow.tasks WHERE instance_id = @id AND name = 'Follow'", instance);
    }

    private Task<string> FollowUpStatusAsync(Guid instance) =>
        db.ScalarAsync<string>("SELECT status FROM workflow.tasks WHERE instance_id = @id AND name = 'Follow'", instance);
}
