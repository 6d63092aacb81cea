using System.Security.Claims;
using System.Text.Json;
using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Letters;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.LettersByPost;

/// <summary>
/// A letter by post as the PDF the officer prints: the stored text, addressed for a window envelope, from the case's
/// unit, dated the day it was written. Behind the case scope, and logged as an export: the letter leaves the service on paper.
/// </summary>
public sealed class PrintLetter(ServiceDbContext db, LetterPrinter printer, TimeProvider time)
{
    public async Task<LetterByPostResult> HandleAsync(ClaimsPrincipal user, CaseAtHand atHand, Guid letterId, CancellationToken cancellationToken)
    {
        var caseId = atHand.Id;

        var letter = await db.Letters.AsNoTracking().SingleOrDefaultAsync(l => l.Id == letterId && l.CaseId == caseId, cancellationToken);
        if (letter is null)
        {
            return new LetterByPostResult.LetterNotFound();
        }

        if (letter.Channel != LetterChannel.Post)
        {
            return new LetterByPostResult.SentByEmail();
        }

        AccessLog.Add(db, user, atHand.UnitCode, caseId, "print-letter", time.GetUtcNow(), AccessPurpose.Export);
        await db.SaveChangesAsync(cancellationToken);

        var caseNumber = CaseNumbers.Format(await db.Cases.Where(c => c.Id == caseId).Select(c => c.Number).SingleAsync(cancellationToken));
        var sender = await db.Units.Where(u => u.Code == atHand.UnitCode)
            .Join(db.PoliceDistricts, unit => unit.DistrictCode, district => district.Code, (unit, district) => new { Unit = unit.Name, District = district.Name })
            .SingleAsync(cancellationToken);
        var address = PostalAddress.Parse(letter.RecipientAddress)
            ?? throw new InvalidOperationException($"Letter {letter.Id} goes by post but has no complete postal address.");
        var pdf = printer.Print(
            new PrintableLetter(
                letter.RecipientName, address, sender.District, sender.Unit, caseNumber, OsloTime.Today(letter.CreatedAt), letter.Language, letter.Subject, letter.TextBody),
            letter.CreatedAt);
        return new LetterByPostResult.Printed(pdf, FileName(caseNumber, letter));
    }

    /// <summary>"BS-12-invitation-guardian-3.pdf": the case, the kind and the recipient's role, no name.</summary>
    private static string FileName(string caseNumber, Letter letter) =>
        $"{caseNumber}-{JsonNamingPolicy.KebabCaseLower.ConvertName(letter.Kind.ToString())}-{letter.Recipient.Replace(':', '-')}.pdf";
}
