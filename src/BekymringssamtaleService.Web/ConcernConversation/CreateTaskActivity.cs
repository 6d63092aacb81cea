using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using BekymringssamtaleService.Workflows.Definitions;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Web.ConcernConversation;

/// <summary>
/// The createTask activity: a user task for the case's unit when the case's data calls for it, escalated as the
/// workflow's tasks are. The task's id is the execution's id, so running the execution again creates nothing twice.
/// </summary>
public sealed class CreateTaskActivity : IWorkflowActivityHandler
{
    public string Name => "createTask";

    public async Task RunAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var input = context.Input.Deserialize<CreateTaskInput>(WorkflowDefinitionLoader.ActivityInputOptions)!;
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
            new NewTask(context.ExecutionId, context.InstanceId, Name, input.Title, input.CandidateRole, context.Now + XmlConvert.ToTimeSpan(input.Due)),
            context.TaskEscalation,
            context.Now,
            cancellationToken);
    }

    private static bool IsTrue(JsonNode? value) => value is JsonValue flag && flag.TryGetValue<bool>(out var set) && set;
}
