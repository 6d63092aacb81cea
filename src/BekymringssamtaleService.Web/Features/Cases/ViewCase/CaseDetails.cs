using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Consents;
using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Web.Features.Cases.Consents;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.Features.Coordination;

namespace BekymringssamtaleService.Web.Features.Cases.ViewCase;

/// <summary>
/// A case as its officers see it, with the steps the reader may take now and <see cref="HowItGotHere"/>: the step that
/// brought it to where it stands, with its reasons (what a Lead reads before approving). <see cref="Restricted"/> says only
/// that the Liaisons' coordination compartment holds something about the case, and whom to ask.
/// </summary>
public sealed record CaseDetails(
    Guid Id,
    string CaseNumber,
    string UnitCode,
    string UnitName,
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
    string ResponsibleOfficerName,
    DateTimeOffset RegisteredAt,
    NextDate? Next,
    MeetingView? Meeting,
    MappingView? LatestMapping,
    IReadOnlyList<MappingVersion> Mappings,
    IReadOnlyList<AgreedMeasureView> Measures,
    CaseConsentsView Consents,
    IReadOnlyList<OpenTask> OpenTasks,
    IReadOnlyList<PermittedAction> PermittedActions,
    TimelineItem? HowItGotHere,
    RestrictedInformation? Restricted);

public sealed record MeetingView(
    Guid CalendarUid, int Sequence, DateTimeOffset StartsAt, int DurationMinutes, string Place, IReadOnlyList<string> Officers, IReadOnlyList<ExtraParticipant> ExtraParticipants, MeetingStatus Status);

public sealed record MappingView(int Version, ConcernLevel OverallConcern, IReadOnlyList<MappingFactor> Factors, string SignedBy, DateTimeOffset SignedAt);

/// <summary>An agreed measure; its id names it when its status is changed. <see cref="ConsentSharing"/> is the sharing it rests on, when it requires consent.</summary>
public sealed record AgreedMeasureView(
    Guid Id, string Code, string Name, string Responsible, ConsentSharing? ConsentSharing, DateOnly StartsOn, DateOnly DueOn, MeasureStatus Status);

/// <summary>An open user task; <see cref="EscalatedTo"/> and <see cref="EscalatedAt"/> are set once it is escalated for being overdue.</summary>
public sealed record OpenTask(Guid Id, string Title, string CandidateRole, DateTimeOffset DueAt, string? EscalatedTo, DateTimeOffset? EscalatedAt);

/// <summary>A step the reader may take now: its API action, its page, and how the page offers it.</summary>
public sealed record PermittedAction(string Action, string Title, string Href, StepWeight Weight);

/// <summary>One event on the case's timeline: a step taken with what was recorded with it, a task's fate, or a letter.</summary>
public sealed record TimelineItem(DateTimeOffset At, string Kind, string Title, string? By, IReadOnlyList<TimelineDetail> Details);

/// <summary>A value recorded with an event: <see cref="Field"/> as the request named it, <see cref="Label"/> and <see cref="Text"/> as a reader sees it.</summary>
public sealed record TimelineDetail(string Field, string Label, string Text);

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
