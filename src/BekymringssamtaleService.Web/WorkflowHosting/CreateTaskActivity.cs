using System.Text.Json.Nodes;
using System.Xml;
using BekymringssamtaleService.Workflows.Definitions;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Web.WorkflowHosting;

/// <summary>
/// The createTask activity: a user task for the case's unit when the case's data calls for it, escalated as the
/// workflow's tasks are. The task's id is the execution's id, so running the execution again creates nothing twice.
/// </summary>
[WorkflowActivity("createTask")]
public sealed class CreateTaskActivity : WorkflowActivity<CreateTaskInput>
{
    protected override async Task RunAsync(ActivityContext context, CreateTaskInput input, CancellationToken cancellationToken)
    {
        if (input.OnlyIf is not null && !IsTrue(context.Data[input.OnlyIf]))
        {
            return;
        }

        if (input.Unless is not null && context.Data[input.Unless] is not null)
        {
            return;
        }

        await UserTasks.AddAsync(
            context.Connection,
            context.Transaction,
            new NewTask(
                context.ExecutionId, context.InstanceId, Name, input.Title, input.CandidateRole, context.Now + XmlConvert.ToTimeSpan(input.Due), input.AnsweredBy, input.DateLabel),
            context.TaskEscalation,
            context.Now,
            cancellationToken);
    }

    private static bool IsTrue(JsonNode? value) => value is JsonValue flag && flag.TryGetValue<bool>(out var set) && set;
}

/// <summary>
/// A user task created by an activity rather than by entering a state: for work that is due only when the case's
/// data says so (OnlyIf names a data flag that must be true; Unless names a data field that must be absent). It is owed
/// until a person completes or cancels it, or a trigger in AnsweredBy (a step that answers it) is fired. DateLabel, when
/// given, is what the date asked for on completing it means ("Meldt til barnevernet").
/// </summary>
public sealed record CreateTaskInput(
    string Title, string CandidateRole, string Due, string? OnlyIf = null, string? Unless = null, IReadOnlyList<string>? AnsweredBy = null, string? DateLabel = null)
    : INamesTriggers
{
    IEnumerable<string> INamesTriggers.Triggers => AnsweredBy ?? [];
}
