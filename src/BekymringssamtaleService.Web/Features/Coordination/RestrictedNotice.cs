using BekymringssamtaleService.Domain.Coordination;

namespace BekymringssamtaleService.Web.Features.Coordination;

/// <summary>
/// All that a case's readers learn of the compartment: that it holds something, and which Liaison to ask (null: any
/// Liaison of the unit). No dates, counts, kinds or classifications.
/// </summary>
public sealed record RestrictedInformation(string? Liaison);

/// <summary>
/// That the compartment holds something about a case, as <see cref="RestrictedNotice.Query"/> finds it, with the staff
/// id of the Liaison to ask (null: none is named).
/// </summary>
public sealed record RestrictedMark(string? Ask);

/// <summary>
/// Whether a case has restricted information: it is flagged, or an officer's radicalisation notes await a Liaison. The
/// case page reads the whole case in one statement; this query is the compartment's part of it, kept here beside the
/// compartment's other queries.
/// </summary>
public static class RestrictedNotice
{
    /// <summary>
    /// One row when the case has restricted information, none otherwise; its column <c>ask</c> is the Liaison to ask:
    /// the one named in the flag, or else the one who decided on the notes, if one has. <paramref name="caseId"/> is the
    /// SQL expression of the case's id.
    /// </summary>
    public static string Query(string caseId) => $"""
        SELECT CASE WHEN d.outcome = '{nameof(CoordinationOutcome.Flagged)}' THEN d.liaison_id ELSE d.decided_by END AS ask
        FROM (SELECT {caseId}::uuid AS case_id) asked
        LEFT JOIN coordination_decisions d ON d.case_id = asked.case_id
        WHERE d.outcome = '{nameof(CoordinationOutcome.Flagged)}' OR EXISTS (SELECT FROM coordination_entries e WHERE e.case_id = asked.case_id)
        """;

    /// <summary>What the case's readers are told, with the Liaison by name.</summary>
    public static RestrictedInformation? Of(RestrictedMark? mark, IReadOnlyDictionary<string, string> staffNames) =>
        mark is null ? null : new RestrictedInformation(mark.Ask is { } liaison ? staffNames.GetValueOrDefault(liaison) : null);
}
