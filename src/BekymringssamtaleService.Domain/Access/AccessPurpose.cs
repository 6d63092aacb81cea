namespace BekymringssamtaleService.Domain.Access;

/// <summary>Why case data was read or written: every access log entry names one.</summary>
public enum AccessPurpose
{
    /// <summary>An officer's everyday work with a case: reading it, taking its steps, working its tasks.</summary>
    Casework,

    /// <summary>A Lead deciding on an attendance order or a fetch.</summary>
    Approval,

    /// <summary>A Liaison in the PST coordination compartment, with the purpose the Liaison stated.</summary>
    Coordination,

    /// <summary>An Auditor reading the access log.</summary>
    Audit,

    /// <summary>Data leaving the service: a CSV export, a printed letter.</summary>
    Export,

    /// <summary>A sign-in, allowed or refused.</summary>
    SignIn,

    /// <summary>An Admin reading a blocked case (sperring), with the purpose the Admin stated.</summary>
    BlockedCaseReview,

    /// <summary>An Admin (or the import-staff command) changing the staff register or the units.</summary>
    Administration,
    /// <summary>An operations command run on the host's executable (resending a letter), under the operations identity.</summary>
    Operations,

    /// <summary>A Lead reading a unit's anonymous statistics (counts only, no case).</summary>
    Statistics,
}

public static class AccessPurposeNames
{
    /// <summary>The purpose as the access log stores it and the API shows it: "casework", "blocked-case-review".</summary>
    public static string WireName(this AccessPurpose purpose) => purpose switch
    {
        AccessPurpose.Casework => "casework",
        AccessPurpose.Approval => "approval",
        AccessPurpose.Coordination => "coordination",
        AccessPurpose.Audit => "audit",
        AccessPurpose.Export => "export",
        AccessPurpose.SignIn => "sign-in",
        AccessPurpose.BlockedCaseReview => "blocked-case-review",
        AccessPurpose.Administration => "administration",
        AccessPurpose.Operations => "operations",
        AccessPurpose.Statistics => "statistics",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };
}
