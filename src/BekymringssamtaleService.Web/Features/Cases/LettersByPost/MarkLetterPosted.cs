using System.Security.Claims;
using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BekymringssamtaleService.Web.Features.Cases.LettersByPost;

/// <summary>
/// An officer says a printed letter is posted: from then on it counts as sent, at that time, by them. Saying it again,
/// or two officers at the same moment, changes nothing more: each is told when and by whom it was posted. The access
/// log gets its row in the same transaction.
/// </summary>
public sealed class MarkLetterPosted(ServiceDbContext db, NpgsqlDataSource database, TimeProvider time)
{
    public async Task<LetterByPostResult> HandleAsync(ClaimsPrincipal user, CaseAtHand atHand, Guid letterId, CancellationToken cancellationToken)
    {
        var caseId = atHand.Id;

        var now = time.GetUtcNow();
        var staffId = user.StaffId();
        // Its own connection and transaction, as a step's: the host context's retrying strategy runs no transaction it did not start.
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var writing = await TransitionDbContext.OpenAsync(connection, transaction, cancellationToken);
        // One conditional update: of two officers at the same moment, the second waits for the first's row lock, then
        // finds the letter posted already and changes nothing.
        await writing.Letters
            .Where(l => l.Id == letterId && l.CaseId == caseId && l.Status == LetterStatus.AwaitingPrint)
            .ExecuteUpdateAsync(
                letter => letter.SetProperty(l => l.Status, LetterStatus.Posted).SetProperty(l => l.SentAt, now).SetProperty(l => l.PostedBy, staffId),
                cancellationToken);
        var letter = await writing.Letters.AsNoTracking()
            .Where(l => l.Id == letterId && l.CaseId == caseId)
            .Select(l => new { l.Channel, l.SentAt, l.PostedBy })
            .SingleOrDefaultAsync(cancellationToken);
        if (letter is null)
        {
            return new LetterByPostResult.LetterNotFound();
        }

        if (letter.Channel != LetterChannel.Post)
        {
            return new LetterByPostResult.SentByEmail();
        }

        AccessLog.Add(writing, user, atHand.UnitCode, caseId, "mark-letter-posted", now);
        await writing.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var postedBy = await db.StaffMembers.Where(s => s.Id == letter.PostedBy).Select(s => s.DisplayName).SingleOrDefaultAsync(cancellationToken);
        return new LetterByPostResult.Posted(letterId, letter.SentAt!.Value, postedBy ?? letter.PostedBy!);
    }
}
