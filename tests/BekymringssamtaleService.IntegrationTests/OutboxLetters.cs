using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Letters;

namespace BekymringssamtaleService.IntegrationTests;

/// <summary>Letters put straight into a host's outbox, for tests of their sending rather than of the steps that write them.</summary>
internal static class OutboxLetters
{
    /// <summary>A pending reminder to one guardian of the case, as the sendLetter activity would have written it.</summary>
    public static Letter Reminder(Guid caseId, Guid executionId, string recipient, string email, DateTimeOffset createdAt) => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = caseId,
        ExecutionId = executionId,
        Kind = LetterKind.Reminder,
        Recipient = recipient,
        RecipientName = "Foresatt",
        RecipientEmail = email,
        Language = LetterLanguage.Nb,
        Subject = "Påminnelse om samtale med politiet",
        TextBody = "Hei,\n\nvelkommen til samtalen.",
        HtmlBody = "<p>Hei,</p><p>velkommen til samtalen.</p>",
        Status = LetterStatus.Pending,
        CreatedAt = createdAt,
    };
}
