using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Workflows.Definitions;

namespace BekymringssamtaleService.UnitTests.Workflows;

/// <summary>The escalation of overdue user tasks as a definition states it: a workflow default, a task's own offset, and the mistakes refused.</summary>
public sealed class TaskEscalationDefinitionTests
{
    private const string Definition = """
        name: probe
        title: Probe
        initial: Waiting
        taskEscalation: { after: P1D, to: Lead }
        states:
          - name: Waiting
            title: Venter
            tasks:
              - name: Call
                title: Ring familien
                candidateRole: Officer
                due: P2D
              - name: Approve
                title: Godkjenn
                candidateRole: Lead
                due: P1D
                escalateAfter: PT4H
          - name: Done
            title: Ferdig
            final: true
        triggers:
          - name: Finish
            title: Ferdig
            from: [Waiting]
            to: Done
            roles: [Officer]
        """;

    private static readonly WorkflowDefinitionLoader Loader = new(ConcernConversationVocabulary.Create());

    [Fact]
    public void A_task_is_escalated_after_its_own_offset_or_else_after_the_workflows_to_the_role_the_workflow_names()
    {
        var definition = Loader.Load("probe.yaml", Definition);
        var tasks = definition.State("Waiting").Tasks;

        Assert.Equal(new TaskEscalation(TimeSpan.FromDays(1), "Lead"), definition.EscalationOf(tasks.Single(task => task.Name == "Call")));
        Assert.Equal(new TaskEscalation(TimeSpan.FromHours(4), "Lead"), definition.EscalationOf(tasks.Single(task => task.Name == "Approve")));
    }

    [Fact]
    public void The_tasks_of_a_workflow_without_task_escalation_are_never_escalated()
    {
        var definition = Loader.Load("probe.yaml", Definition
            .Replace("taskEscalation: { after: P1D, to: Lead }\n", "", StringComparison.Ordinal)
            .Replace("        escalateAfter: PT4H\n", "", StringComparison.Ordinal));

        Assert.All(definition.State("Waiting").Tasks, task => Assert.Null(definition.EscalationOf(task)));
    }

    [Fact]
    public void In_the_concern_conversation_a_task_still_open_a_day_after_its_due_time_goes_to_the_units_Lead()
    {
        var definition = Loader.Load("bekymringssamtale.yaml", File.ReadAllText(RepositoryRoot.Combine("workflows", "bekymringssamtale.yaml")));

        Assert.Equal(new TaskEscalation(TimeSpan.FromDays(1), "Lead"), definition.TaskEscalation);
    }

    [Theory]
    [InlineData("a negative escalation offset", "after: P1D", "after: -P1D", 4, "taskEscalation.after")]
    [InlineData("an escalation offset that is not ISO 8601", "after: P1D", "after: 1 day", 4, "taskEscalation.after")]
    [InlineData("an escalation to a role that does not exist", "to: Lead }", "to: Janitor }", 4, "taskEscalation.to")]
    [InlineData("an escalation without a role", ", to: Lead }", " }", 4, "Required properties [\"to\"] are not present")]
    [InlineData("a task's negative escalation offset", "escalateAfter: PT4H", "escalateAfter: -PT4H", 17, "states.0.tasks.1.escalateAfter")]
    [InlineData("a task's escalation offset in weeks", "escalateAfter: PT4H", "escalateAfter: P1W", 17, "states.0.tasks.1.escalateAfter")]
    [InlineData(
        "a task's escalation offset in a workflow that escalates to nobody",
        "taskEscalation: { after: P1D, to: Lead }\n",
        "",
        16,
        "The task 'Approve' has escalateAfter, but the workflow has no taskEscalation that says to whom.")]
    public void A_bad_escalation_is_refused_with_line_and_reason(string problem, string replace, string with, int line, string reason)
    {
        Assert.Contains(replace, Definition, StringComparison.Ordinal);
        var broken = Definition.Replace(replace, with, StringComparison.Ordinal);

        var exception = Assert.Throws<WorkflowDefinitionException>(() => Loader.Load("probe.yaml", broken));

        Assert.True(
            exception.Problems.Any(found => found.File == "probe.yaml" && found.Line == line && found.Reason.Contains(reason, StringComparison.Ordinal)),
            $"{problem}: expected line {line} with '{reason}', got:\n{exception.Message}");
    }
}
