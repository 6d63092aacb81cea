namespace BekymringssamtaleService.Domain.Coordination;

/// <summary>
/// A Liaison's decision on a case that may be a radicalisation concern: flagged (the coordination compartment is open,
/// and <see cref="LiaisonId"/> is the Liaison other officers are told to ask) or no coordination needed. One per case;
/// a later decision replaces it, and <see cref="Version"/> lets two Liaisons deciding at once find out (optimistic).
/// </summary>
public sealed class CoordinationDecision
{
    public Guid CaseId { get; init; }
    public CoordinationOutcome Outcome { get; private set; }

    /// <summary>The Liaison to ask about the case; set while it is flagged.</summary>
    public string? LiaisonId { get; private set; }

    public DateTimeOffset DecidedAt { get; private set; }
    public string DecidedBy { get; private set; } = "";
    public int Version { get; private set; }

    public static CoordinationDecision First(Guid caseId, CoordinationOutcome outcome, string? liaisonId, string decidedBy, DateTimeOffset at)
    {
        var decision = new CoordinationDecision { CaseId = caseId };
        decision.Change(outcome, liaisonId, decidedBy, at);
        return decision;
    }

    public void Change(CoordinationOutcome outcome, string? liaisonId, string decidedBy, DateTimeOffset at)
    {
        Outcome = outcome;
        LiaisonId = outcome == CoordinationOutcome.Flagged ? liaisonId : null;
        DecidedBy = decidedBy;
        DecidedAt = at;
        Version++;
    }
}

public enum CoordinationOutcome
{
    /// <summary>A radicalisation concern: the compartment is open.</summary>
    Flagged,

    /// <summary>Looked at by a Liaison: no coordination with PST is needed.</summary>
    NotNeeded,
}
