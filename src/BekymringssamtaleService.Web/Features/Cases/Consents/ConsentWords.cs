using System.Text.Json;
using BekymringssamtaleService.Domain.Consents;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.Consents;

/// <summary>The dashboard's Norwegian words for sharings and legal grounds, and the forms' choices of them by wire name.</summary>
public static class ConsentWords
{
    public static readonly IReadOnlyList<Choice> SharingChoices =
        [.. Enum.GetValues<ConsentSharing>().Select(sharing => new Choice(WireName(sharing), Title(sharing)))];

    public static readonly IReadOnlyList<Choice> GroundChoices =
        [.. Enum.GetValues<DutyToInformGround>().Select(ground => new Choice(WireName(ground), Of(ground)))];

    /// <summary>As a heading or a choice: "Skole".</summary>
    public static string Title(ConsentSharing sharing) => sharing switch
    {
        ConsentSharing.School => "Skole",
        ConsentSharing.ChildWelfare => "Barnevern",
        ConsentSharing.CoreGroup => "Kjernegruppe",
        ConsentSharing.HealthService => "Helsetjeneste",
        _ => "Mentor",
    };

    /// <summary>In a sentence, after "deling med": "skolen".</summary>
    public static string With(ConsentSharing sharing) => sharing switch
    {
        ConsentSharing.School => "skolen",
        ConsentSharing.ChildWelfare => "barnevernet",
        ConsentSharing.CoreGroup => "kjernegruppen",
        ConsentSharing.HealthService => "helsetjenesten",
        _ => "mentor",
    };

    public static string Of(DutyToInformGround ground) => ground switch
    {
        DutyToInformGround.OwnInitiative => "barnevernloven § 13-2 første ledd (av eget tiltak)",
        _ => "barnevernloven § 13-2 andre ledd (etter pålegg fra barnevernstjenesten)",
    };

    /// <summary>How the consent list names a duty to inform: "Opplysningsplikt – barnevernloven § 13-2 …".</summary>
    public static string DutyToInform(DutyToInformGround ground) => $"Opplysningsplikt – {Of(ground)}";

    public static string WireName<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>"A", "A og B", "A, B og C".</summary>
    public static string List(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} og {items[^1]}";
}
