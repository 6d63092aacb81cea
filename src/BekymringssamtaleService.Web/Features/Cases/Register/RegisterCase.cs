using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.Register;

/// <summary>Registers a concern and starts its conversation workflow in one transaction, with the access-log row.</summary>
public sealed class RegisterCase(ServiceDbContext db, WorkflowTransitions transitions, TimeProvider time)
{
    public async Task<StepResult> HandleAsync(ClaimsPrincipal user, RegisterCaseRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = RegisterCaseValidation.Check(request, OsloTime.Today(now));
        if (!string.IsNullOrWhiteSpace(request.UnitCode))
        {
            var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == request.UnitCode, cancellationToken);
            if (unit is null)
            {
                errors.Add("unitCode", "Enheten finnes ikke.");
            }
            else if (!unit.IsActive)
            {
                errors.Add("unitCode", "Enheten er deaktivert og tar ikke imot nye saker.");
            }
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        if (CaseAccess.ToRegister(user.Roles(), user.UnitCodes(), request.UnitCode!) != CaseAccessDecision.Allowed)
        {
            return new StepResult.Forbidden("Du kan bare registrere saker i egne enheter, og bare som forebygger.");
        }

        var concernCase = ToCase(request, Guid.CreateVersion7(now), user.StaffId(), now);
        var data = new JsonObject();
        if (concernCase.OffenceReference is not null)
        {
            data["offenceReference"] = concernCase.OffenceReference;
        }

        var actor = new Actor(user.StaffId(), [.. user.Roles().Select(role => role.ToString())]);
        await transitions.StartAsync(concernCase.Id, CaseWorkflow.Name, concernCase.UnitCode, data, actor, async (scope, token) =>
        {
            await using var transactionDb = await TransitionDbContext.OpenAsync(scope, token);
            transactionDb.Cases.Add(concernCase);
            AccessLog.Add(transactionDb, user, concernCase.UnitCode, concernCase.Id, "register", scope.Now);
            await transactionDb.SaveChangesAsync(token);
        }, cancellationToken);
        return new StepResult.Done(concernCase.Id, "Registered");
    }

    private static ConcernCase ToCase(RegisterCaseRequest request, Guid id, string staffId, DateTimeOffset now) => new()
    {
        Id = id,
        UnitCode = request.UnitCode!,
        Youth = new Youth
        {
            GivenName = request.Youth.GivenName!.Trim(),
            FamilyName = request.Youth.FamilyName!.Trim(),
            BirthDate = request.Youth.BirthDate!.Value,
            NationalIdNumber = Blank(request.Youth.NationalIdNumber),
            Email = Blank(request.Youth.Email),
            Address = Blank(request.Youth.Address),
            Phone = Blank(request.Youth.Phone),
            Language = request.Youth.Language!.Value,
        },
        Guardians = [.. request.Guardians.Select(g => new Guardian
        {
            Name = g.Name!.Trim(),
            Email = Blank(g.Email),
            Address = g.Address!.Trim(),
            Language = g.Language!.Value,
            LivesWithYouth = g.LivesWithYouth,
        })],
        NoGuardianReason = Blank(request.NoGuardianReason),
        Source = request.Source!.Value,
        ConcernText = request.ConcernText!.Trim(),
        OffenceReference = Blank(request.OffenceReference),
        ResponsibleOfficerId = staffId,
        RegisteredBy = staffId,
        RegisteredAt = now,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
