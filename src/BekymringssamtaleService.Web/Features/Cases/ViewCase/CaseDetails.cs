using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Letters;

namespace BekymringssamtaleService.Web.Features.Cases.ViewCase;

/// <summary>A case as its officers see it, with the steps the reader may take now.</summary>
public sealed record CaseDetails(
    Guid Id,
    string CaseNumber,
    string UnitCode,
    string State,
    string StateTitle,
    Track? Track,
    int Version,
    Youth Youth,
    IReadOnlyList<Guardian> Guardians,
    string? NoGuardianReason,
    ConcernSource Source,
    string ConcernText,
    string? OffenceReference,
    string ResponsibleOfficerId,
    DateTimeOffset RegisteredAt,
    MeetingView? Meeting,
    MappingView? LatestMapping,
    IReadOnlyList<AgreedMeasureView> Measures,
    IReadOnlyList<OpenTask> OpenTasks,
    IReadOnlyList<PermittedAction> PermittedActions);

public sealed record MeetingView(
    Guid CalendarUid, int Sequence, DateTimeOffset StartsAt, int DurationMinutes, string Place, IReadOnlyList<string> Officers, IReadOnlyList<ExtraParticipant> ExtraParticipants, MeetingStatus Status);

public sealed record MappingView(int Version, ConcernLevel OverallConcern, IReadOnlyList<MappingFactor> Factors, string? RadicalisationNotes, string SignedBy, DateTimeOffset SignedAt);

public sealed record AgreedMeasureView(string Code, string Name, string Responsible, IReadOnlyList<string> ConsentGivenBy, DateOnly StartsOn, DateOnly DueOn, MeasureStatus Status);

/// <summary>An open user task; <see cref="EscalatedTo"/> and <see cref="EscalatedAt"/> are set once it is escalated for being overdue.</summary>
public sealed record OpenTask(Guid Id, string Title, string CandidateRole, DateTimeOffset DueAt, string? EscalatedTo, DateTimeOffset? EscalatedAt);

/// <summary>A step the reader may take now: its API action and its page.</summary>
public sealed record PermittedAction(string Action, string Title, string Href);

/// <summary>One event on the case's timeline: a step taken, what was recorded with it, or a letter.</summary>
public sealed record TimelineItem(DateTimeOffset At, string Kind, string Title, string? By, IReadOnlyDictionary<string, string> Details);

/// <summary>
/// A letter exactly as stored in the outbox (and sent): by e-mail, or by post to <see cref="RecipientAddress"/>, printed
/// from its PDF and posted by <see cref="PostedBy"/> at <see cref="SentAt"/>.
/// </summary>
public sealed record LetterView(
    Guid Id,
    LetterKind Kind,
    string Recipient,
    string RecipientName,
    LetterChannel Channel,
    string? RecipientEmail,
    string? RecipientAddress,
    LetterLanguage Language,
    string Subject,
    string TextBody,
    string HtmlBody,
    bool HasCalendar,
    LetterStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    string? PostedBy,
    string MessageId);
