namespace BekymringssamtaleService.Web.Features.Cases.ListCases;

/// <summary>
/// One word of a youth's given or family name, lower case, with the case's unit: what the name search looks words up
/// in (a word typed finds the names with a word that begins with it). The database keeps these rows: a trigger on
/// <c>cases</c> writes them whenever a case is added or its names or unit change (registration, the demo data, the
/// deletion of personal data, which empties the names and so the words), so no code path can forget them. The
/// separators are <see cref="Separators"/>, in the trigger as here.
/// </summary>
public sealed class CaseNameWord
{
    /// <summary>What splits a name into words: white space, hyphens, apostrophes, commas and full stops.</summary>
    public static readonly char[] Separators = [' ', '\t', '\r', '\n', '-', '\'', '’', ',', '.'];

    public Guid CaseId { get; init; }
    public required string UnitCode { get; init; }
    public required string Word { get; init; }

    /// <summary>The words of a typed search as the trigger splits names into words, lower case.</summary>
    public static IReadOnlyList<string> Of(string text) =>
        [.. text.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Select(word => word.ToLowerInvariant())];
}
