using System.Text.RegularExpressions;

namespace BekymringssamtaleService.Domain.Cases;

/// <summary>
/// A Norwegian postal address as a letter in a window envelope shows it: one to three street lines (street and number,
/// a c/o or a post box) and a last line with the four-digit postcode and the place. It is written on one line with
/// commas between the lines: "Storgata 12, 0184 Oslo".
/// </summary>
public sealed partial record PostalAddress(IReadOnlyList<string> StreetLines, string Postcode, string Place)
{
    public const int MaxStreetLines = 3;

    /// <summary>What the officer is asked to write when a letter must go by post.</summary>
    public const string Example = "Storgata 12, 0184 Oslo";

    /// <summary>The lines of the address block under the recipient's name.</summary>
    public IReadOnlyList<string> Lines => [.. StreetLines, $"{Postcode} {Place}"];

    /// <summary>The address, when the text is a complete one; null when a street line, the postcode or the place is missing.</summary>
    public static PostalAddress? Parse(string? text)
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || parts.Length > MaxStreetLines + 1 || PostcodeAndPlace().Match(parts[^1]) is not { Success: true } last)
        {
            return null;
        }

        var streetLines = parts[..^1];
        return streetLines.All(line => line.Any(char.IsLetter))
            ? new PostalAddress(streetLines, last.Groups["postcode"].Value, last.Groups["place"].Value)
            : null;
    }

    [GeneratedRegex(@"^(?<postcode>[0-9]{4})\s+(?<place>\p{L}[\p{L} .'-]*)$")]
    private static partial Regex PostcodeAndPlace();
}
