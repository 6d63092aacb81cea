using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Workflows.Definitions;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.UnitTests.Workflows;

/// <summary>The rule a migration applies to each running instance, against the real definition: everything it waits at must exist there.</summary>
public sealed class MigrationRefusalTests
{
    private static readonly WorkflowDefinition Current = new WorkflowDefinitionLoader(ConcernConversationVocabulary.Create())
        .Load("bekymringssamtale.yaml", File.ReadAllText(RepositoryRoot.Combine("workflows", "bekymringssamtale.yaml")));

    [Fact]
    public void An_instance_whose_state_timers_and_tasks_the_new_version_has_may_move()
    {
        Assert.Null(new InstanceWaits("Invited", "ReadyToInvite", ["OfficerReminder", "ParticipantReminderOneDay"], []).Refusal(Current, 2));
        Assert.Null(new InstanceWaits("Registered", null, [], []).Refusal(Current, 2));
        Assert.Null(new InstanceWaits("ReadyToInvite", "Registered", [], [new OpenTaskWait("BookConversation", true, ["Invite"])]).Refusal(Current, 2));
        Assert.Null(new InstanceWaits("Held", "Invited", [], [new OpenTaskWait("correctAddress", false, [])]).Refusal(Current, 2));
    }

    [Fact]
    public void An_instance_in_a_state_the_new_version_lacks_is_refused()
    {
        Assert.Equal("version 2 has no state Waiting", new InstanceWaits("Waiting", "Registered", [], []).Refusal(Current, 2));
    }

    [Fact]
    public void A_paused_instance_whose_state_to_resume_to_the_new_version_lacks_is_refused()
    {
        Assert.Equal(
            "version 3 has no state Waiting, which the instance would return to",
            new InstanceWaits("Paused", "Waiting", [], []).Refusal(Current, 3));
    }

    [Fact]
    public void An_instance_waiting_for_a_timer_or_a_task_the_new_version_lacks_is_refused()
    {
        Assert.Equal(
            "version 2 has no timer SecondReminder in the state Invited",
            new InstanceWaits("Invited", "ReadyToInvite", ["OfficerReminder", "SecondReminder"], []).Refusal(Current, 2));
        Assert.Equal(
            "version 2 has no task CallTheSchool in the state Held",
            new InstanceWaits("Held", "Invited", [], [new OpenTaskWait("CallTheSchool", true, [])]).Refusal(Current, 2));
        Assert.Equal(
            "version 2 has no trigger RecordSchoolCall, which the open task callSchool waits for",
            new InstanceWaits("Held", "Invited", [], [new OpenTaskWait("callSchool", false, ["RecordSchoolCall"])]).Refusal(Current, 2));
    }
}
