using System.Globalization;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Features.Cases.RecordMapping;

namespace BekymringssamtaleService.Web.Features.Cases.ViewCase;

/// <summary>The dashboard's Norwegian words for the case's values.</summary>
public static class CaseWords
{
    private static readonly CultureInfo Norwegian = CultureInfo.GetCultureInfo("nb-NO");

    /// <summary>The role an overdue task was escalated to, as in "Eskalert til leder".</summary>
    public static string EscalatedTo(string role) => RoleNames.Norwegian(Enum.Parse<Role>(role)).ToLower(Norwegian);

    /// <summary>The label of a value a step recorded outside its form (an approval's decision).</summary>
    public static string RecordedField(string name) => name switch
    {
        "decision" => "Avgjørelse",
        "stoppedMeasures" => "Tiltak stoppet",
        _ => name,
    };

    public static string RecordedValue(string value) => value switch
    {
        "approved" => "Godkjent",
        "rejected" => "Avslått",
        _ => value,
    };

    public static string Of(MeetingStatus status) => status switch
    {
        MeetingStatus.Booked => "Avtalt",
        MeetingStatus.Cancelled => "Avlyst",
        MeetingStatus.Held => "Gjennomført",
        _ => "Ikke møtt",
    };

    public static string Of(ConcernLevel level) => level switch
    {
        ConcernLevel.Low => "Lav bekymring",
        ConcernLevel.Moderate => "Moderat bekymring",
        _ => "Høy bekymring",
    };

    /// <summary>A letter's status; a printed letter's with the day it was posted ("Postlagt 03.12.2026").</summary>
    public static string Of(LetterStatus status, DateTimeOffset? sentAt) => status switch
    {
        LetterStatus.Pending => "Venter på sending",
        LetterStatus.Sent => "Sendt",
        LetterStatus.AwaitingPrint => "Venter på utskrift",
        LetterStatus.Posted => $"Postlagt {OsloTime.ToOslo(sentAt!.Value).ToString("dd.MM.yyyy", Norwegian)}",
        LetterStatus.Rejected => "Avvist av mottakerens e-posttjener",
        _ => "Ikke sendt: feilet gjentatte ganger",
    };

    public static string Of(LetterLanguage language) => language switch
    {
        LetterLanguage.Nb => "bokmål",
        LetterLanguage.Nn => "nynorsk",
        _ => "engelsk",
    };

    public static string Of(ConcernSource source) => source switch
    {
        ConcernSource.School => "Skole",
        ConcernSource.ChildWelfare => "Barnevern",
        ConcernSource.Patrol => "Patrulje",
        ConcernSource.Parents => "Foresatte",
        ConcernSource.Pst => "PST",
        _ => "Annet",
    };

    public static string Of(LifeDomain domain) => RecordMapping.RecordMapping.Domains.Single(d => d.Domain == domain).Title;

    public static string Of(Track? track) => track switch
    {
        Domain.Cases.Track.Voluntary => "Frivillig innkalling",
        Domain.Cases.Track.AttendanceOrder => "Pålegg om oppmøte",
        _ => "Ikke valgt",
    };
}
