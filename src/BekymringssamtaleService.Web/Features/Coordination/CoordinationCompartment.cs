using System.Security.Claims;
using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Coordination;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BekymringssamtaleService.Web.Features.Coordination;

/// <summary>
/// The Liaisons' coordination compartment of one case, for the page and the API alike: read it (stating why), decide
/// on the case (flag it, or no coordination needed), add entries and coordination tasks, and complete a task. Each
/// request passes <see cref="CoordinationGate"/> first; every read and every write leaves an access-log row with the
/// purpose "coordination", a read with the purpose in the Liaison's words. Nothing here is read by any other feature.
/// </summary>
public sealed class CoordinationCompartment(ServiceDbContext db, CoordinationGate gate, TimeProvider time)
{
    private const string NotFlagged = "Saken er ikke flagget som radikaliseringsbekymring. Flagg saken før du skriver i koordineringsrommet.";

    /// <summary>The case's number, for a Liaison of its unit (null: the same 404 as every other refusal); reads nothing of the compartment.</summary>
    public async Task<string?> CaseNumberAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken) =>
        await gate.OpenAsync(user, caseId, cancellationToken) is null
            ? null
            : CaseNumbers.Format(await db.Cases.Where(c => c.Id == caseId).Select(c => c.Number).SingleAsync(cancellationToken));

    public async Task<CoordinationResult<CompartmentView>> ReadAsync(ClaimsPrincipal user, Guid caseId, string? purpose, CancellationToken cancellationToken)
    {
        if (await gate.OpenAsync(user, caseId, cancellationToken) is not { } atHand)
        {
            return new CoordinationResult<CompartmentView>.NotFound();
        }

        var errors = new FieldErrors();
        foreach (var (field, messages) in RequestRules.Check(new ReadCompartmentRequest { Purpose = purpose }))
        {
            Array.ForEach(messages, message => errors.Add(field, message));
        }

        if (!errors.Any)
        {
            errors.Required("purpose", purpose, ReadCompartmentRequest.PurposeLength);
        }

        if (errors.Any)
        {
            return new CoordinationResult<CompartmentView>.Invalid(errors.ToResult().Errors);
        }

        AccessLog.Add(db, user, atHand.UnitCode, caseId, "read-coordination", time.GetUtcNow(), AccessPurpose.Coordination, purpose!.Trim());
        await db.SaveChangesAsync(cancellationToken);

        var concernCase = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.Number, c.Source }).SingleAsync(cancellationToken);
        var decision = await db.CoordinationDecisions.AsNoTracking().SingleOrDefaultAsync(d => d.CaseId == caseId, cancellationToken);
        var entries = await db.CoordinationEntries.AsNoTracking().Where(e => e.CaseId == caseId).OrderByDescending(e => e.RecordedAt).ToListAsync(cancellationToken);
        var tasks = await db.CoordinationTasks.AsNoTracking().Where(t => t.CaseId == caseId)
            .OrderBy(t => t.DoneAt != null).ThenBy(t => t.DueOn).ThenBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        var names = await StaffNamesAsync(
            [.. entries.Select(e => e.RecordedBy), .. tasks.Select(t => t.CreatedBy), .. tasks.Select(t => t.DoneBy).OfType<string>(),
                .. new[] { decision?.DecidedBy, decision?.LiaisonId }.OfType<string>()],
            cancellationToken);
        string Name(string id) => names.GetValueOrDefault(id, id);

        var lastNote = entries.Where(e => e.Kind == CoordinationEntryKind.MappingNote).Select(e => (DateTimeOffset?)e.RecordedAt).Max();
        var awaiting = decision is null
            ? concernCase.Source == ConcernSource.Pst || lastNote is not null
            : decision.Outcome == CoordinationOutcome.NotNeeded && lastNote > decision.DecidedAt;
        return new CoordinationResult<CompartmentView>.Done(new CompartmentView(
            caseId,
            CaseNumbers.Format(concernCase.Number),
            atHand.UnitCode,
            concernCase.Source,
            decision is null ? null : ToView(decision, Name),
            awaiting,
            [.. entries.Select(e => new CoordinationEntryView(e.Id, e.Kind, e.OccurredOn, e.PstReference, e.Summary, e.Classification, Name(e.RecordedBy), e.RecordedAt))],
            [.. tasks.Select(t => ToView(t, Name))]));
    }

    public async Task<CoordinationResult<DecisionView>> DecideAsync(ClaimsPrincipal user, Guid caseId, PostedRequest posted, CancellationToken cancellationToken)
    {
        if (await gate.OpenAsync(user, caseId, cancellationToken) is not { } atHand)
        {
            return new CoordinationResult<DecisionView>.NotFound();
        }

        if (posted.Value is not DecideCoordinationRequest request)
        {
            return new CoordinationResult<DecisionView>.Invalid(posted.ReadErrors);
        }

        var errors = new FieldErrors();
        errors.Required("decision", request.Decision);
        var liaisonId = request.Decision == CoordinationOutcome.Flagged ? request.LiaisonId ?? user.StaffId() : request.LiaisonId;
        if (request.Decision == CoordinationOutcome.NotNeeded && liaisonId is not null)
        {
            errors.Add("liaisonId", "Forebyggingskontakt velges bare når saken flagges.");
        }
        else if (request.Decision == CoordinationOutcome.Flagged
            && !await db.StaffMembers.AnyAsync(s => s.Id == liaisonId && s.Roles.Contains(Role.Liaison) && s.UnitCodes.Contains(atHand.UnitCode), cancellationToken))
        {
            errors.Add("liaisonId", "Velg en forebyggingskontakt i sakens enhet.");
        }

        if (errors.Any)
        {
            return new CoordinationResult<DecisionView>.Invalid(errors.ToResult().Errors);
        }

        var now = time.GetUtcNow();
        var decision = await db.CoordinationDecisions.SingleOrDefaultAsync(d => d.CaseId == caseId, cancellationToken);
        if (decision?.Version != request.Version)
        {
            return new CoordinationResult<DecisionView>.Refused(decision is null
                ? "Saken har ingen koordineringsbeslutning ennå: send beslutningen uten versjon."
                : $"Koordineringsbeslutningen er versjon {decision.Version} nå; en annen forebyggingskontakt har endret den. Se rommet på nytt og prøv igjen.");
        }

        if (decision is null)
        {
            decision = CoordinationDecision.First(caseId, request.Decision!.Value, liaisonId, user.StaffId(), now);
            db.CoordinationDecisions.Add(decision);
        }
        else
        {
            decision.Change(request.Decision!.Value, liaisonId, user.StaffId(), now);
        }

        AccessLog.Add(db, user, atHand.UnitCode, caseId, "decide-coordination", now, AccessPurpose.Coordination);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException changed) when (changed is DbUpdateConcurrencyException || changed.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two Liaisons decided at the same moment: the first decision stands, this one is not saved.
            return new CoordinationResult<DecisionView>.Refused(
                "En annen forebyggingskontakt tok en beslutning om saken i samme øyeblikk. Ingenting er lagret: se rommet på nytt og prøv igjen.");
        }

        var names = await StaffNamesAsync([.. new[] { decision.DecidedBy, decision.LiaisonId }.OfType<string>()], cancellationToken);
        return new CoordinationResult<DecisionView>.Done(ToView(decision, id => names.GetValueOrDefault(id, id)));
    }

    public async Task<CoordinationResult<CoordinationEntryView>> AddEntryAsync(ClaimsPrincipal user, Guid caseId, PostedRequest posted, CancellationToken cancellationToken)
    {
        if (await gate.OpenAsync(user, caseId, cancellationToken) is not { } atHand)
        {
            return new CoordinationResult<CoordinationEntryView>.NotFound();
        }

        if (posted.Value is not AddCoordinationEntryRequest request)
        {
            return new CoordinationResult<CoordinationEntryView>.Invalid(posted.ReadErrors);
        }

        if (!await IsFlaggedAsync(caseId, cancellationToken))
        {
            return new CoordinationResult<CoordinationEntryView>.Refused(NotFlagged);
        }

        var now = time.GetUtcNow();
        var errors = new FieldErrors();
        errors.Required("kind", request.Kind);
        if (request.Kind == CoordinationEntryKind.MappingNote)
        {
            errors.Add("kind", "Notater fra kartleggingen skrives i kartleggingen. Velg kontakt med PST eller anmodning fra PST.");
        }

        errors.Required("occurredOn", request.OccurredOn);
        if (request.OccurredOn > OsloTime.Today(now))
        {
            errors.Add("occurredOn", "Datoen kan ikke være etter i dag.");
        }

        if (request.Kind == CoordinationEntryKind.PstRequest)
        {
            errors.Required("pstReference", request.PstReference, 40);
        }

        errors.Required("summary", request.Summary, FieldErrors.LongText);
        errors.Required("classification", request.Classification);
        if (errors.Any)
        {
            return new CoordinationResult<CoordinationEntryView>.Invalid(errors.ToResult().Errors);
        }

        var entry = new CoordinationEntry
        {
            CaseId = caseId,
            Kind = request.Kind!.Value,
            OccurredOn = request.OccurredOn!.Value,
            PstReference = string.IsNullOrWhiteSpace(request.PstReference) ? null : request.PstReference.Trim(),
            Summary = request.Summary!.Trim(),
            Classification = request.Classification!.Value,
            RecordedBy = user.StaffId(),
            RecordedAt = now,
        };
        db.CoordinationEntries.Add(entry);
        AccessLog.Add(db, user, atHand.UnitCode, caseId, "add-coordination-entry", now, AccessPurpose.Coordination);
        await db.SaveChangesAsync(cancellationToken);
        return new CoordinationResult<CoordinationEntryView>.Done(new CoordinationEntryView(
            entry.Id, entry.Kind, entry.OccurredOn, entry.PstReference, entry.Summary, entry.Classification, user.Identity?.Name ?? entry.RecordedBy, entry.RecordedAt));
    }

    public async Task<CoordinationResult<CoordinationTaskView>> AddTaskAsync(ClaimsPrincipal user, Guid caseId, PostedRequest posted, CancellationToken cancellationToken)
    {
        if (await gate.OpenAsync(user, caseId, cancellationToken) is not { } atHand)
        {
            return new CoordinationResult<CoordinationTaskView>.NotFound();
        }

        if (posted.Value is not AddCoordinationTaskRequest request)
        {
            return new CoordinationResult<CoordinationTaskView>.Invalid(posted.ReadErrors);
        }

        if (!await IsFlaggedAsync(caseId, cancellationToken))
        {
            return new CoordinationResult<CoordinationTaskView>.Refused(NotFlagged);
        }

        var now = time.GetUtcNow();
        var errors = new FieldErrors();
        errors.Required("title", request.Title);
        errors.Required("dueOn", request.DueOn);
        if (request.DueOn < OsloTime.Today(now))
        {
            errors.Add("dueOn", "Fristen kan ikke være før i dag.");
        }

        if (errors.Any)
        {
            return new CoordinationResult<CoordinationTaskView>.Invalid(errors.ToResult().Errors);
        }

        var task = new CoordinationTask { CaseId = caseId, Title = request.Title!.Trim(), DueOn = request.DueOn!.Value, CreatedBy = user.StaffId(), CreatedAt = now };
        db.CoordinationTasks.Add(task);
        AccessLog.Add(db, user, atHand.UnitCode, caseId, "add-coordination-task", now, AccessPurpose.Coordination);
        await db.SaveChangesAsync(cancellationToken);
        return new CoordinationResult<CoordinationTaskView>.Done(ToView(task, _ => user.Identity?.Name ?? task.CreatedBy));
    }

    /// <summary>A task is done once: of two Liaisons at the same moment, the second is told by whom and when.</summary>
    public async Task<CoordinationResult<CoordinationTaskView>> CompleteTaskAsync(ClaimsPrincipal user, Guid caseId, Guid taskId, CancellationToken cancellationToken)
    {
        if (await gate.OpenAsync(user, caseId, cancellationToken) is not { } atHand)
        {
            return new CoordinationResult<CoordinationTaskView>.NotFound();
        }

        var task = await db.CoordinationTasks.SingleOrDefaultAsync(t => t.Id == taskId && t.CaseId == caseId, cancellationToken);
        if (task is null)
        {
            return new CoordinationResult<CoordinationTaskView>.NotFound();
        }

        if (task.DoneAt is null)
        {
            var now = time.GetUtcNow();
            task.Complete(user.StaffId(), now);
            AccessLog.Add(db, user, atHand.UnitCode, caseId, "complete-coordination-task", now, AccessPurpose.Coordination);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                var names = await StaffNamesAsync([task.CreatedBy, task.DoneBy!], cancellationToken);
                return new CoordinationResult<CoordinationTaskView>.Done(ToView(task, id => names.GetValueOrDefault(id, id)));
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                task = await db.CoordinationTasks.AsNoTracking().SingleAsync(t => t.Id == taskId, cancellationToken);
            }
        }

        var doneBy = await db.StaffMembers.Where(s => s.Id == task.DoneBy).Select(s => s.DisplayName).SingleOrDefaultAsync(cancellationToken);
        return new CoordinationResult<CoordinationTaskView>.Refused($"Oppgaven ble utført {OsloTime.Format(task.DoneAt!.Value)} av {doneBy ?? task.DoneBy}.");
    }

    private Task<bool> IsFlaggedAsync(Guid caseId, CancellationToken cancellationToken) =>
        db.CoordinationDecisions.AnyAsync(d => d.CaseId == caseId && d.Outcome == CoordinationOutcome.Flagged, cancellationToken);

    private static DecisionView ToView(CoordinationDecision decision, Func<string, string> name) =>
        new(decision.Outcome, decision.LiaisonId, decision.LiaisonId is null ? null : name(decision.LiaisonId), decision.DecidedAt, name(decision.DecidedBy), decision.Version);

    private static CoordinationTaskView ToView(CoordinationTask task, Func<string, string> name) =>
        new(task.Id, task.Title, task.DueOn, name(task.CreatedBy), task.CreatedAt, task.DoneAt, task.DoneBy is null ? null : name(task.DoneBy));

    private Task<Dictionary<string, string>> StaffNamesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        db.StaffMembers.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
}
