using BekymringssamtaleService.Domain.Cases;

namespace BekymringssamtaleService.Domain.Letters;

/// <summary>
/// One letter to one recipient, rendered and stored before it is sent (the outbox): the case shows exactly this text.
/// The Message-ID is derived from the id, so a resend after a crash is recognisably the same message. A letter to a
/// recipient without an e-mail address goes by post: it waits for an officer to print it (the same text as a PDF
/// for a window envelope) and counts as sent when they say it is posted.
/// </summary>
public sealed class Letter
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }

    /// <summary>The workflow activity execution that wrote it; with the recipient, what makes a rerun write nothing twice.</summary>
    public Guid ExecutionId { get; init; }

    public required LetterKind Kind { get; init; }

    /// <summary>The meeting the letter is about; its id is the calendar UID.</summary>
    public Guid? MeetingId { get; init; }

    /// <summary>"youth", "guardian:{id}", or "staff:{id}" for an officer's reminder.</summary>
    public required string Recipient { get; init; }

    public required string RecipientName { get; init; }

    public LetterChannel Channel { get; init; }

    /// <summary>Where an e-mail letter goes; null for a letter by post.</summary>
    public string? RecipientEmail { get; init; }

    /// <summary>The postal address (as <see cref="PostalAddress"/> reads it) a letter by post goes to; null for e-mail.</summary>
    public string? RecipientAddress { get; init; }

    public required LetterLanguage Language { get; init; }
    public required string Subject { get; init; }
    public required string TextBody { get; init; }
    public required string HtmlBody { get; init; }

    /// <summary>The iCalendar attachment (RFC 5545) when the letter is about a meeting.</summary>
    public string? Calendar { get; init; }

    public LetterStatus Status { get; set; }
    public int Attempts { get; set; }

    /// <summary>When a letter whose last attempt failed for a passing reason is tried again.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>
    /// Until when the sender that claimed the letter has it to itself. The claim is committed before the letter goes
    /// out, so no database lock is held while the mail server talks; if that sender's host dies, the lease runs out and
    /// any host takes the letter again, under the same Message-ID. Null when no sender holds it.
    /// </summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the mail server took the letter, or when the officer posted the printed letter.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The staff member who said the printed letter was posted.</summary>
    public string? PostedBy { get; set; }

    /// <summary>The SMTP server's reply to the last attempt (a status line, no content).</summary>
    public string? ServerReply { get; set; }

    public string MessageId => $"{Id:N}@bekymringssamtale.politiet.no";
}

/// <summary>The letters the workflow sends; the invitation's wording follows the track (voluntary or attendance order).</summary>
public enum LetterKind
{
    Invitation,
    Reminder,
    ChangedTime,
    Cancellation,
    MeasuresSummary,
    FollowUpInvitation,
    Closing,
    OfficerMeetingTomorrow,
    OfficerFollowUpDue,

    /// <summary>To each officer of a meeting booked, moved or called off: the same calendar entry (.ics) the family gets.</summary>
    OfficerCalendar,
}

/// <summary>How a letter reaches its recipient.</summary>
public enum LetterChannel
{
    Email,

    /// <summary>Printed by an officer and posted in a window envelope: the recipient has no e-mail address.</summary>
    Post,
}

public enum LetterStatus
{
    Pending,
    Sent,

    /// <summary>A letter by post that no officer has yet said is printed and posted.</summary>
    AwaitingPrint,

    /// <summary>Printed and posted, as an officer said (<see cref="Letter.SentAt"/>, <see cref="Letter.PostedBy"/>).</summary>
    Posted,

    /// <summary>Every attempt failed for a passing reason (server down, timeouts): an incident until retried.</summary>
    Failed,

    /// <summary>The server refused the recipient for good (5xx): the address is wrong, and the officer has a task.</summary>
    Rejected,
}
