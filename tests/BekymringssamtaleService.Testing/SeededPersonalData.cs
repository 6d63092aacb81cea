using System.Text.Json;

namespace BekymringssamtaleService.Testing;

/// <summary>
/// The personal data the demo seeds hold: staff names and e-mail addresses, and each youth's and guardian's name,
/// national ID number, e-mail address, phone number, postal address and the concern's free text. None of it may
/// appear in a log line.
/// </summary>
public static class SeededPersonalData
{
    public static IReadOnlyList<string> Values { get; } = [.. Read().Distinct()];

    /// <summary>The lines that contain any of <paramref name="values"/>, with the value found (to name it in a failure).</summary>
    public static IReadOnlyList<(string Value, string Line)> FoundIn(IEnumerable<string> lines, IReadOnlyList<string> values) =>
        [.. lines.SelectMany(line => values.Where(value => line.Contains(value, StringComparison.OrdinalIgnoreCase)).Select(value => (value, line)))];

    private static IEnumerable<string> Read()
    {
        using var users = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("seeds", "demo-users.json")));
        foreach (var user in users.RootElement.EnumerateArray())
        {
            yield return user.GetProperty("displayName").GetString()!;
            yield return user.GetProperty("email").GetString()!;
        }

        using var cases = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("seeds", "demo-cases.json")));
        foreach (var seed in cases.RootElement.EnumerateArray())
        {
            var concernCase = seed.GetProperty("case");
            var youth = concernCase.GetProperty("youth");
            yield return youth.GetProperty("givenName").GetString() + " " + youth.GetProperty("familyName").GetString();
            foreach (var optional in new[] { "nationalIdNumber", "email", "phone" })
            {
                if (youth.TryGetProperty(optional, out var value))
                {
                    yield return value.GetString()!;
                }
            }

            yield return concernCase.GetProperty("concernText").GetString()!;
            foreach (var guardian in concernCase.GetProperty("guardians").EnumerateArray())
            {
                yield return guardian.GetProperty("name").GetString()!;
                if (guardian.TryGetProperty("email", out var email))
                {
                    yield return email.GetString()!; // a guardian without one gets their letters by post
                }

                yield return guardian.GetProperty("address").GetString()!;
            }
        }
    }
}
