using BekymringssamtaleService.Domain.Cases;

namespace BekymringssamtaleService.Web.Features.Cases.ViewCase;

/// <summary>One recorded mapping, who signed it and when, and what it changed from the version before it.</summary>
public sealed record MappingVersion(
    int Version, ConcernLevel OverallConcern, IReadOnlyList<MappingFactor> Factors, string SignedBy, string SignedByName, DateTimeOffset SignedAt,
    IReadOnlyList<string> Changes);

/// <summary>Every mapping of a case, newest first, each told by how it differs from the one before it.</summary>
public static class MappingHistory
{
    /// <param name="newestFirst">The case's mappings, newest first.</param>
    /// <param name="names">Staff names by id, for who signed.</param>
    public static IReadOnlyList<MappingVersion> Of(IReadOnlyList<Mapping> newestFirst, IReadOnlyDictionary<string, string> names) =>
        [.. newestFirst.Select((mapping, index) => new MappingVersion(
            mapping.Version, mapping.OverallConcern, mapping.Factors, mapping.SignedBy, names.GetValueOrDefault(mapping.SignedBy, mapping.SignedBy), mapping.SignedAt,
            index + 1 < newestFirst.Count ? Changes(newestFirst[index + 1], mapping) : ["Første kartlegging."]))];

    /// <summary>What changed from one version to the next, per field: the texts themselves are read in each version.</summary>
    public static IReadOnlyList<string> Changes(Mapping before, Mapping after)
    {
        List<string> changes = [];
        if (before.OverallConcern != after.OverallConcern)
        {
            changes.Add($"Samlet vurdering endret fra {CaseWords.Of(before.OverallConcern).ToLowerInvariant()} til {CaseWords.Of(after.OverallConcern).ToLowerInvariant()}.");
        }

        foreach (var domain in Enum.GetValues<LifeDomain>())
        {
            var was = before.Factors.FirstOrDefault(f => f.Domain == domain);
            var now = after.Factors.FirstOrDefault(f => f.Domain == domain);
            var title = CaseWords.Of(domain);
            Compare(changes, title, "risikofaktorer", was?.Risk, now?.Risk);
            Compare(changes, title, "beskyttelsesfaktorer", was?.Protective, now?.Protective);
        }

        return changes.Count == 0 ? ["Ingen endringer fra versjonen før."] : changes;
    }

    private static void Compare(List<string> changes, string domain, string what, string? was, string? now)
    {
        if (string.Equals(was, now, StringComparison.Ordinal))
        {
            return;
        }

        changes.Add((was, now) switch
        {
            (null, _) => $"{domain}: {what} lagt til.",
            (_, null) => $"{domain}: {what} fjernet.",
            _ => $"{domain}: {what} endret.",
        });
    }
}
