using BekymringssamtaleService.Domain.Letters;

namespace BekymringssamtaleService.Web.Letters;

public static class LetterTitles
{
    public static string Norwegian(LetterKind kind) => kind switch
    {
        LetterKind.Invitation => "Innkalling",
        LetterKind.Reminder => "Påminnelse",
        LetterKind.ChangedTime => "Endret tid",
        LetterKind.Cancellation => "Avlysning",
        LetterKind.MeasuresSummary => "Oppsummering av tiltak",
        LetterKind.FollowUpInvitation => "Invitasjon til oppfølging",
        LetterKind.Closing => "Avslutning",
        LetterKind.OfficerMeetingTomorrow => "Påminnelse til betjent: samtale neste arbeidsdag",
        LetterKind.OfficerFollowUpDue => "Påminnelse til betjent: oppfølging",
        LetterKind.OfficerCalendar => "Kalenderoppføring til betjent",
        _ => kind.ToString(),
    };
}
