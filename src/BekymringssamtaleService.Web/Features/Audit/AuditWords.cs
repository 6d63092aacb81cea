using BekymringssamtaleService.Domain.Access;

namespace BekymringssamtaleService.Web.Features.Audit;

/// <summary>The access log's purposes in the auditor's words.</summary>
public static class AuditWords
{
    private static readonly Dictionary<string, string> Purposes = new(StringComparer.Ordinal)
    {
        [AccessPurpose.Casework.WireName()] = "Saksbehandling",
        [AccessPurpose.Approval.WireName()] = "Godkjenning",
        [AccessPurpose.Coordination.WireName()] = "Samordning med PST",
        [AccessPurpose.Audit.WireName()] = "Revisjon",
        [AccessPurpose.Export.WireName()] = "Eksport",
        [AccessPurpose.SignIn.WireName()] = "Innlogging",
        [AccessPurpose.BlockedCaseReview.WireName()] = "Innsyn i sperret sak",
        [AccessPurpose.Administration.WireName()] = "Forvaltning av ansatte og enheter",
        [AccessPurpose.Operations.WireName()] = "Drift",
        [AccessPurpose.Statistics.WireName()] = "Statistikk",
    };

    /// <summary>"Saksbehandling" for "casework"; a purpose this version does not know is shown as stored.</summary>
    public static string Purpose(string wireName) => Purposes.GetValueOrDefault(wireName, wireName);
}
