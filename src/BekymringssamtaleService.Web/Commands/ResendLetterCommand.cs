using System.Globalization;
using System.CommandLine;
using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Spectre.Console;

namespace BekymringssamtaleService.Web.Commands;

/// <summary>
/// <c>resend-letter ID</c>: the operator's way to get one letter of the outbox out again. A letter that failed every
/// attempt is queued for a fresh round; one the recipient's server refused is queued once the case has a corrected
/// address, which it then goes to; one already sent, or refused at an address the case still has, only with
/// <c>--again</c>. A letter queued already is left as it is, so running the command twice queues it once; the outbox
/// sends it under its own Message-ID, as it sends every letter, so a request puts one copy on the wire. Letters by post
/// are printed from the case page. The change and its access-log row (under the operations identity) commit together;
/// only ids and states are printed.
/// </summary>
public static class ResendLetterCommand
{
    public const string Name = "resend-letter";

    public static Command Create(IServiceProvider services)
    {
        var letterId = new Argument<Guid>("ID") { Description = "The letter's id, as the incidents page and the case's letters show it." };
        var again = new Option<bool>("--again")
        {
            Description = "Also send a letter that was sent already, or that was refused at an address the case still has.",
        };
        var command = new Command(Name, "Queues one letter of the outbox to be sent again.") { letterId, again };
        command.SetOperation(async (parseResult, cancellationToken) =>
        {
            var id = parseResult.GetValue(letterId);
            var outcome = await ResendAsync(services, id, parseResult.GetValue(again), cancellationToken);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Letter [bold]{id}[/]: {outcome}");
            return 0;
        });
        return command;
    }

    /// <summary>Queues the letter under a row lock (the outbox's senders pass over it meanwhile); answers what was done.</summary>
    private static async Task<string> ResendAsync(IServiceProvider services, Guid id, bool again, CancellationToken cancellationToken)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var db = await TransitionDbContext.OpenAsync(connection, transaction, cancellationToken);
        var letter = await db.Letters.FromSql($"SELECT * FROM letters WHERE id = {id} FOR UPDATE").AsNoTracking().SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"No letter has the id {id}.");
        var address = letter.RecipientEmail;
        switch (letter.Status)
        {
            case LetterStatus.Pending:
                return $"queued already ({letter.Attempts} attempt(s) so far); the outbox sends it, nothing was changed.";
            case LetterStatus.AwaitingPrint or LetterStatus.Posted:
                throw new InvalidOperationException($"Letter {id} goes by post ({letter.Status}): print it again from the case page.");
            case LetterStatus.Sent when !again:
                throw new InvalidOperationException($"Letter {id} was sent already. Add --again to send it once more, under the same Message-ID.");
            case LetterStatus.Rejected:
                address = await CurrentAddressAsync(db, letter, cancellationToken)
                    ?? throw new InvalidOperationException($"Letter {id} was refused, and its recipient has no e-mail address in the case any more.");
                if (!again && string.Equals(address, letter.RecipientEmail, StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException(
                        $"Letter {id} was refused at the address the case still has. Correct the address first, or add --again to try it once more.");
                }

                break;
        }

        await db.Letters.Where(l => l.Id == id).ExecuteUpdateAsync(
            row => row
                .SetProperty(l => l.Status, LetterStatus.Pending)
                .SetProperty(l => l.RecipientEmail, address)
                .SetProperty(l => l.Attempts, 0)
                .SetProperty(l => l.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(l => l.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(l => l.SentAt, (DateTimeOffset?)null),
            cancellationToken);
        var unitCode = await db.Cases.Where(c => c.Id == letter.CaseId).Select(c => c.UnitCode).SingleAsync(cancellationToken);
        AccessLog.Add(db, OperationsCommands.Operations.Id, unitCode, letter.CaseId, Name, now, AccessPurpose.Operations);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var readdressed = address == letter.RecipientEmail ? "" : ", to the address the case has now";
        return $"{letter.Status} → Pending{readdressed}; the outbox sends it at its next round.";
    }

    /// <summary>The address the case (or the staff register, for an officer's letter) has for the letter's recipient now.</summary>
    private static async Task<string?> CurrentAddressAsync(ServiceDbContext db, Letter letter, CancellationToken cancellationToken)
    {
        var (kind, key) = letter.Recipient.Split(':', 2) is [var first, var second] ? (first, second) : (letter.Recipient, "");
        return kind switch
        {
            "youth" => await db.Cases.Where(c => c.Id == letter.CaseId).Select(c => c.Youth.Email).SingleAsync(cancellationToken),
            "guardian" when int.TryParse(key, CultureInfo.InvariantCulture, out var guardianId) =>
                await db.Cases.Where(c => c.Id == letter.CaseId).SelectMany(c => c.Guardians).Where(g => g.Id == guardianId).Select(g => g.Email).SingleOrDefaultAsync(cancellationToken),
            "staff" => await db.StaffMembers.Where(s => s.Id == key).Select(s => s.Email).SingleOrDefaultAsync(cancellationToken),
            _ => null,
        };
    }
}
