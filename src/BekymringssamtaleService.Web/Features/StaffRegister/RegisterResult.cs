namespace BekymringssamtaleService.Web.Features.StaffRegister;

/// <summary>What a change of the staff register or the units came to; the pages turn it into a redirect, form errors, 409 or 404.</summary>
public abstract record RegisterResult
{
    /// <summary>Saved; <see cref="Notice"/> tells the Admin what was done.</summary>
    public sealed record Done(string Notice) : RegisterResult;

    /// <summary>Bad input: field errors, nothing saved.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : RegisterResult;

    /// <summary>Not possible now, or not for this Admin (a 409 with the reason): nothing saved.</summary>
    public sealed record Refused(string Reason) : RegisterResult;

    /// <summary>No such person or unit among those the Admin manages.</summary>
    public sealed record NotFound : RegisterResult;

    public static Refused ChangedMeanwhile(string what) =>
        new($"Noen andre har endret {what} etter at du åpnet siden. Ingenting er lagret: last siden på nytt og prøv igjen.");
}
