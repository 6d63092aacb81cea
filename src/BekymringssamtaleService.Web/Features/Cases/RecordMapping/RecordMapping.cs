using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.Features.Coordination;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.RecordMapping;

public sealed class RecordMappingRequest
{
    /// <summary>At most one per life domain.</summary>
    [MaxLength(8)]
    public List<MappingFactorInput> Factors { get; set; } = [];
    public ConcernLevel? OverallConcern { get; set; }

    /// <summary>Kept in the Liaisons' coordination compartment, not with the mapping: the officer writes it and cannot read it back.</summary>
    [FreeText]
    public string? RadicalisationNotes { get; set; }
}

public sealed class MappingFactorInput
{
    public LifeDomain? Domain { get; set; }

    [FreeText]
    public string? Risk { get; set; }

    [FreeText]
    public string? Protective { get; set; }
}

/// <summary>
/// The structured mapping of risk and protective factors per life domain and an overall assessment. Every save is a
/// new version, signed by the officer; the first moves the case from held to mapped. Notes on signs of radicalisation
/// go into the coordination compartment, where the case then awaits a Liaison's coordination decision.
/// </summary>
public sealed class RecordMapping : CaseStep<RecordMappingRequest>
{
    public static readonly IReadOnlyList<(LifeDomain Domain, string Title)> Domains =
    [
        (LifeDomain.Individual, "Individ"),
        (LifeDomain.Family, "Familie"),
        (LifeDomain.SchoolOrWork, "Skole/arbeid"),
        (LifeDomain.FriendsAndNetwork, "Venner og nettverk"),
        (LifeDomain.Leisure, "Fritid"),
        (LifeDomain.AlcoholAndDrugs, "Rus"),
        (LifeDomain.OnlineLife, "Nettliv"),
        (LifeDomain.Neighbourhood, "Nærmiljø"),
    ];

    // The mapping's areas as the domain names them: each life domain on its own, then the overall assessment.
    private const string OverallGroup = "Samlet vurdering";

    public override string Slug => "record-mapping";
    public override string Title => "Registrer kartlegging";
    public override IReadOnlyList<string> Triggers => ["RecordMapping", "ReviseMapping"];

    public override IReadOnlyList<FormField> Form =>
    [
        .. Domains.SelectMany((domain, index) => new FormField[]
        {
            new($"factors[{index}].domain", domain.Title, FieldKind.Hidden, FixedValue: JsonNamingPolicy.CamelCase.ConvertName(domain.Domain.ToString()), Group: domain.Title),
            new($"factors[{index}].risk", "Risikofaktorer", FieldKind.LongText, Required: false, Group: domain.Title),
            new($"factors[{index}].protective", "Beskyttelsesfaktorer", FieldKind.LongText, Required: false, Group: domain.Title),
        }),
        new("overallConcern", "Bekymringsnivå", FieldKind.Select, Choices: [new("low", "Lav bekymring"), new("moderate", "Moderat bekymring"), new("high", "Høy bekymring")],
            Group: OverallGroup),
        new("radicalisationNotes", "Tegn på radikalisering (notat)", FieldKind.LongText, Required: false,
            Hint: "Notatet går til forebyggingskontakten og kan ikke leses i saken etterpå. Andre i enheten ser bare at det finnes begrenset informasjon.",
            Group: OverallGroup),
    ];

    public override Task ValidateAsync(CaseAtHand atHand, RecordMappingRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        errors.Required("overallConcern", request.OverallConcern);
        errors.MaxLength("radicalisationNotes", request.RadicalisationNotes, FieldErrors.LongText);
        for (var index = 0; index < request.Factors.Count; index++)
        {
            errors.Required($"factors[{index}].domain", request.Factors[index].Domain);
            errors.MaxLength($"factors[{index}].risk", request.Factors[index].Risk, FieldErrors.LongText);
            errors.MaxLength($"factors[{index}].protective", request.Factors[index].Protective, FieldErrors.LongText);
        }

        if (request.Factors.Select(f => f.Domain).Distinct().Count() != request.Factors.Count)
        {
            errors.Add("factors", "Hvert livsområde kan bare stå én gang.");
        }

        return Task.CompletedTask;
    }

    public override StepFiring Fire(CaseAtHand atHand, RecordMappingRequest request, ClaimsPrincipal user)
    {
        var input = new JsonObject { ["overallConcern"] = request.OverallConcern.ToString()!.ToLowerInvariant() };
        return new StepFiring(atHand.State == "Held" ? "RecordMapping" : "ReviseMapping", input, async (db, scope, token) =>
        {
            var version = await db.Mappings.Where(m => m.CaseId == atHand.Id).MaxAsync(m => (int?)m.Version, token) ?? 0;
            db.Mappings.Add(new Mapping
            {
                CaseId = atHand.Id,
                Version = version + 1,
                Factors = [.. request.Factors
                    .Where(f => !string.IsNullOrWhiteSpace(f.Risk) || !string.IsNullOrWhiteSpace(f.Protective))
                    .Select(f => new MappingFactor(f.Domain!.Value, f.Risk?.Trim(), f.Protective?.Trim()))],
                OverallConcern = request.OverallConcern!.Value,
                SignedBy = user.StaffId(),
                SignedAt = scope.Now,
            });
            if (!string.IsNullOrWhiteSpace(request.RadicalisationNotes))
            {
                MappingNotes.Record(db, user, atHand, request.RadicalisationNotes.Trim(), scope.Now);
            }
        });
    }
}
