namespace BekymringssamtaleService.Web.Features.Start;

/// <summary>The start page's Norwegian words for what Hangfire reports.</summary>
public static class StartWords
{
    /// <summary>A recurring job's last result by Hangfire's state name; one that could not be scheduled says so.</summary>
    public static string JobResult(string? state, string? error) => (state, error) switch
    {
        (_, { Length: > 0 }) => "Kan ikke planlegges",
        (null, _) => "Ingen ennå",
        ("Succeeded", _) => "Fullført",
        ("Failed", _) => "Feilet",
        ("Processing", _) => "Kjører",
        ("Enqueued", _) => "I kø",
        ("Scheduled", _) => "Planlagt",
        ("Deleted", _) => "Slettet",
        _ => state,
    };
}
