using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Jobs;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Web.Letters;

/// <summary>One letter to the youth and one to each guardian, each in their own language.</summary>
public sealed record SendLetterInput(LetterKind Letter);

public enum OfficerReminder
{
    MeetingTomorrow,
    FollowUpDue,
}

/// <summary>A reminder by e-mail to the officers booked on the case.</summary>
public sealed record RemindOfficerInput(OfficerReminder Reminder);

/// <summary>
/// The sendLetter activity: renders one letter per recipient into the outbox, in the transaction of the step or timer
/// that sends it, so each letter shows the case exactly as that step left it. Once committed, the sender is woken.
/// </summary>
[WorkflowActivity("sendLetter")]
public sealed class SendLetterActivity(LetterComposer composer, OutboxSignal outbox) : WorkflowActivity<SendLetterInput>
{
    protected override Task RunAsync(ActivityContext context, SendLetterInput input, CancellationToken cancellationToken) =>
        OutboxWrite.WriteAsync(composer, context, input.Letter, cancellationToken);

    public override void Committed() => outbox.Signal.Raise();
}

/// <summary>The remindOfficer activity: a reminder e-mail to the officers, through the same outbox as the letters.</summary>
[WorkflowActivity("remindOfficer")]
public sealed class RemindOfficerActivity(LetterComposer composer, OutboxSignal outbox) : WorkflowActivity<RemindOfficerInput>
{
    protected override Task RunAsync(ActivityContext context, RemindOfficerInput input, CancellationToken cancellationToken) =>
        OutboxWrite.WriteAsync(
            composer, context, input.Reminder == OfficerReminder.MeetingTomorrow ? LetterKind.OfficerMeetingTomorrow : LetterKind.OfficerFollowUpDue, cancellationToken);

    public override void Committed() => outbox.Signal.Raise();
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
