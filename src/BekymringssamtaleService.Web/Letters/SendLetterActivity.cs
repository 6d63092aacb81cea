using System.Text.Json;
using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Web.ConcernConversation;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Workflows.Definitions;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Web.Letters;

/// <summary>
/// The sendLetter activity: renders one letter per recipient into the outbox, in the execution's transaction (a rerun
/// after a failure starts from nothing, so nothing is written twice); once it has committed, the outbox relay sends them.
/// </summary>
public sealed class SendLetterActivity(LetterComposer composer, OutboxSignal outbox) : IWorkflowActivityHandler
{
    public string Name => "sendLetter";

    public async Task RunAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var input = context.Input.Deserialize<SendLetterInput>(WorkflowDefinitionLoader.ActivityInputOptions)!;
        await OutboxWrite.WriteAsync(composer, context, input.Letter, cancellationToken);
    }

    public Task AfterCommitAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        outbox.LettersWritten();
        return Task.CompletedTask;
    }
}

/// <summary>The remindOfficer activity: a reminder e-mail to the officers, through the same outbox as the letters.</summary>
public sealed class RemindOfficerActivity(LetterComposer composer, OutboxSignal outbox) : IWorkflowActivityHandler
{
    public string Name => "remindOfficer";

    public async Task RunAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var input = context.Input.Deserialize<RemindOfficerInput>(WorkflowDefinitionLoader.ActivityInputOptions)!;
        var kind = input.Reminder == OfficerReminder.MeetingTomorrow ? LetterKind.OfficerMeetingTomorrow : LetterKind.OfficerFollowUpDue;
        await OutboxWrite.WriteAsync(composer, context, kind, cancellationToken);
    }

    public Task AfterCommitAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        outbox.LettersWritten();
        return Task.CompletedTask;
    }
}

internal static class OutboxWrite
{
    public static async Task WriteAsync(LetterComposer composer, ActivityContext context, LetterKind kind, CancellationToken cancellationToken)
    {
        await using var db = await TransitionDbContext.OpenAsync(context.Connection, context.Transaction, cancellationToken);
        var letters = await composer.ComposeAsync(db, context.ExecutionId, context.InstanceId, kind, context.Data, context.Now, cancellationToken);
        db.Letters.AddRange(letters);
        await db.SaveChangesAsync(cancellationToken);
    }
}
