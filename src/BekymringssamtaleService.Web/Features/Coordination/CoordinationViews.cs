using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Coordination;

namespace BekymringssamtaleService.Web.Features.Coordination;

/// <summary>
/// A case's coordination compartment as a Liaison reads it: the decision (with the version a new decision must name),
/// whether the case awaits one, the entries newest first, and the coordination tasks, open ones first.
/// </summary>
public sealed record CompartmentView(
    Guid CaseId,
    string CaseNumber,
    string UnitCode,
    ConcernSource Source,
    DecisionView? Decision,
    bool AwaitingDecision,
    IReadOnlyList<CoordinationEntryView> Entries,
    IReadOnlyList<CoordinationTaskView> Tasks);

/// <summary>The Liaison's decision; <see cref="LiaisonId"/> and <see cref="Liaison"/> are whom others are told to ask while it is flagged.</summary>
public sealed record DecisionView(CoordinationOutcome Outcome, string? LiaisonId, string? Liaison, DateTimeOffset DecidedAt, string DecidedBy, int Version);

public sealed record CoordinationEntryView(
    Guid Id, CoordinationEntryKind Kind, DateOnly OccurredOn, string? PstReference, string Summary, SecurityClassification Classification, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record CoordinationTaskView(Guid Id, string Title, DateOnly DueOn, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? DoneAt, string? DoneBy);

/// <summary>What became of a request to the compartment; the page and the API answer each alike.</summary>
public abstract record CoordinationResult<T>
{
    private CoordinationResult()
    {
    }

    public sealed record Done(T Value) : CoordinationResult<T>;

    /// <summary>Not a Liaison of the case's unit, or no such case: the same answer.</summary>
    public sealed record NotFound : CoordinationResult<T>;

    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : CoordinationResult<T>;

    /// <summary>Not possible with the compartment as it is (not flagged, changed by another Liaison, done already): 409.</summary>
    public sealed record Refused(string Reason) : CoordinationResult<T>;
}
