using System.Text.RegularExpressions;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Domain.Units;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.StaffRegister;

/// <summary>
/// The rules of the staff register, for the Admin's pages and the import-staff command alike. The messages never repeat
/// the value they judge, so the command can print them.
/// </summary>
public static partial class StaffRules
{
    public const int IdMaxLength = 40;
    public const int EmailMaxLength = 254;
    public const int SubjectMaxLength = 200;

    /// <summary>The system identity the import-staff command writes the access log as.</summary>
    public const string ImportIdentity = "import-staff";

    /// <summary>Ids no person may have: the path of the page that adds one, and the import's own identity.</summary>
    private static readonly string[] ReservedIds = ["ny", ImportIdentity];

    public static void CheckId(FieldErrors errors, string? id)
    {
        errors.Required("id", id, IdMaxLength);
        if (string.IsNullOrWhiteSpace(id) || id.Length > IdMaxLength)
        {
            return;
        }

        if (!IdPattern().IsMatch(id))
        {
            errors.Add("id", "Ansatt-ID kan bare ha bokstaver (a–z), sifre, punktum, bindestrek og understrek, og begynner med en bokstav eller et siffer.");
        }
        else if (ReservedIds.Contains(id, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add("id", "Denne ansatt-ID-en er reservert og kan ikke brukes.");
        }
    }

    /// <summary>Name, e-mail and roles; the roles read are given back (none where any is unknown).</summary>
    public static IReadOnlyList<Role> CheckDetails(FieldErrors errors, string? displayName, string? email, IReadOnlyCollection<string> roles)
    {
        errors.Required("displayName", displayName);
        errors.Email("email", email, required: true);
        if (roles.Count == 0)
        {
            errors.Add("roles", "Velg minst én rolle.");
            return [];
        }

        var read = roles.Select(ReadRole).ToList();
        if (read.Any(role => role is null))
        {
            errors.Add("roles", "Ukjent rolle. Rollene er Officer, Liaison, Lead, Admin og Auditor.");
            return [];
        }

        return [.. read.Select(role => role!.Value).Distinct().Order()];
    }

    /// <summary>
    /// The units a person is to have: at least one, each existing, and each newly given active (a unit held already may
    /// be kept while deactivated).
    /// </summary>
    public static void CheckUnits(
        FieldErrors errors, IReadOnlyCollection<string> units, IReadOnlyCollection<string> held, IReadOnlyDictionary<string, Unit> known)
    {
        if (units.Count == 0)
        {
            errors.Add("units", "Velg minst én enhet.");
            return;
        }

        foreach (var code in units.Distinct(StringComparer.Ordinal))
        {
            if (!known.TryGetValue(code, out var unit))
            {
                errors.Add("units", "En av enhetene finnes ikke.");
            }
            else if (!unit.IsActive && !held.Contains(code))
            {
                errors.Add("units", $"Enheten {unit.Name} er deaktivert og kan ikke gis til flere.");
            }
        }
    }

    /// <summary>The identity provider's subject to link: required, one line, no spaces.</summary>
    public static void CheckSubject(FieldErrors errors, string? subject)
    {
        errors.Required("externalSubject", subject, SubjectMaxLength);
        if (!string.IsNullOrWhiteSpace(subject) && subject.Any(char.IsWhiteSpace))
        {
            errors.Add("externalSubject", "Identiteten fra innloggingstjenesten kan ikke inneholde mellomrom.");
        }
    }

    /// <summary>"Identiteten er allerede knyttet til Kari Nordmann (betjent-oslo)": the Admin is told whom to look at.</summary>
    public static string SubjectTaken(StaffMember holder) =>
        $"Identiteten er allerede knyttet til {holder.DisplayName} ({holder.Id}). Fjern koblingen der først.";

    private static Role? ReadRole(string text) =>
        Enum.GetNames<Role>().FirstOrDefault(name => string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<Role>(name)
            : null;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex IdPattern();
}
