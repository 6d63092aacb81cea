using System.Globalization;

namespace BekymringssamtaleService.Domain.Consents;

/// <summary>
/// Who in the case consents: the youth, or one of the case's guardians by their id. On the wire <c>youth</c> or
/// <c>guardian-{id}</c>.
/// </summary>
public readonly record struct ConsentPerson(int? GuardianId)
{
    private const string GuardianPrefix = "guardian-";

    public static readonly ConsentPerson Youth = new(null);

    public bool IsYouth => GuardianId is null;

    public static ConsentPerson Guardian(int id) => new(id);

    public string WireName => GuardianId is { } id ? GuardianPrefix + id.ToString(CultureInfo.InvariantCulture) : "youth";

    /// <summary>The person a wire name names; false for anything else (the case's guardians are checked by the caller).</summary>
    public static bool TryParse(string? wireName, out ConsentPerson person)
    {
        person = Youth;
        if (wireName == "youth")
        {
            return true;
        }

        if (wireName is not null && wireName.StartsWith(GuardianPrefix, StringComparison.Ordinal)
            && int.TryParse(wireName.AsSpan(GuardianPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            person = Guardian(id);
            return true;
        }

        return false;
    }
}
