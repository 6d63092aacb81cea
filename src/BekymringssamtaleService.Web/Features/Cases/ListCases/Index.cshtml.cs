using System.Globalization;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.Features.Cases.ViewCase;
using BekymringssamtaleService.Web.WorkflowHosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace BekymringssamtaleService.Web.Features.Cases.ListCases;

/// <summary>
/// The officer's worklist: the cases of their units, searched by number, name or birth date, filtered, sorted, with
/// the number of cases in each step. Five queries: the unit and officer choices, the page, the counts, the access log.
/// </summary>
public sealed class IndexModel(CaseList list, CaseListChoices choices, WorkflowCatalog catalog, TimeProvider time) : PageModel
{
    /// <summary>The form's field of each of <see cref="CaseQuery"/>'s parameters, for its errors.</summary>
    private static readonly Dictionary<string, string> FieldIds = new()
    {
        [CaseQuery.SearchField] = "sok",
        [CaseQuery.BirthDateField] = "fodt",
        [CaseQuery.StateField] = "steg",
        [CaseQuery.TrackField] = "spor",
        [CaseQuery.SourceField] = "kilde",
        [CaseQuery.DueField] = "frist",
        [CaseQuery.SortField] = "sorter",
        [CaseQuery.OffsetField] = "sorter",
    };

    [BindProperty(SupportsGet = true, Name = "sok")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "fodt")]
    public string? BirthDate { get; set; }

    [BindProperty(SupportsGet = true, Name = "steg")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "spor")]
    public string? Track { get; set; }

    [BindProperty(SupportsGet = true, Name = "kilde")]
    public string? Source { get; set; }

    [BindProperty(SupportsGet = true, Name = "enhet")]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true, Name = "betjent")]
    public string? Officer { get; set; }

    [BindProperty(SupportsGet = true, Name = "frist")]
    public string? Due { get; set; }

    [BindProperty(SupportsGet = true, Name = "sorter")]
    public string? Sort { get; set; }

    /// <summary>Bound by hand (<see cref="OnGetAsync"/>): a cursor that is not a number is a link gone wrong, not a form error.</summary>
    public long? After { get; private set; }

    public int? Offset { get; private set; }

    public CasePage Cases { get; private set; } = CasePage.Empty;
    public IReadOnlyList<(string Name, string Title)> States { get; private set; } = [];
    public IReadOnlyList<NamedChoice> Units { get; private set; } = [];
    public IReadOnlyList<NamedChoice> Officers { get; private set; } = [];
    public bool MayRegister { get; private set; }

    /// <summary>The form's errors by field id, in the form's order.</summary>
    public IReadOnlyList<(string FieldId, string Message)> Errors { get; private set; } = [];

    /// <summary>Whether any filter besides the search is set: the filter panel then starts open.</summary>
    public bool Filtered => new[] { BirthDate, State, Track, Source, Unit, Officer, Due }.Any(value => !string.IsNullOrWhiteSpace(value));

    public static IReadOnlyList<(string Value, string Title)> Tracks { get; } = [.. CaseQuery.Tracks.Select(t => (t.Value, CaseWords.Of((Track?)t.Track)))];

    public static IReadOnlyList<(string Value, string Title)> Sources { get; } = [.. CaseQuery.Sources.Select(s => (s.Value, CaseWords.Of(s.Source)))];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var definition = catalog.Get(CaseWorkflow.Name);
        States = [.. definition.States.Select(state => (state.Name, state.Title))];
        MayRegister = User.IsInRole(nameof(Domain.Staff.Role.Officer));
        After = Number<long>("etter");
        Offset = Number<int>("fra");
        Units = await choices.UnitsAsync(User, cancellationToken);
        Officers = await choices.OfficersAsync(User, cancellationToken);
        var text = new CaseQueryText(Search, BirthDate, State, Track, Source, Unit, Officer, Due, Sort, After, Offset);
        var (filter, errors) = CaseQuery.Read(text, definition, CaseQuery.PageDateFormat, time.GetUtcNow());
        if (filter is null)
        {
            Errors = [.. errors.OrderBy(error => FieldIds.Keys.ToList().IndexOf(error.Key)).Select(error => (FieldIds[error.Key], error.Value[0]))];
            return Page();
        }

        Cases = await list.ListAsync(User, filter, Units.ToDictionary(unit => unit.Value, unit => unit.Name), cancellationToken);
        return Page();
    }

    public string? ErrorFor(string fieldId) => Errors.Where(error => error.FieldId == fieldId).Select(error => error.Message).FirstOrDefault();

    public string NextPageHref(long? cursor, int? offset) => Href(State, Sort, new()
    {
        ["etter"] = cursor?.ToString(CultureInfo.InvariantCulture),
        ["fra"] = offset?.ToString(CultureInfo.InvariantCulture),
    });

    /// <summary>The same filter, in another step (null: every step).</summary>
    public string StepHref(string? state) => Href(state, Sort, []);

    /// <summary>The same filter, sorted otherwise (a column heading's link).</summary>
    public string SortHref(string sort) => Href(State, sort, []);

    /// <summary>The sort in use, as <see cref="CaseQuery.Sorts"/> names it.</summary>
    public string SortValue => CaseQuery.Sorts.Select(s => s.Value).FirstOrDefault(value => value == Blank(Sort)) ?? CaseQuery.Sorts[0].Value;

    public string StateTitle(string state) => States.Where(s => s.Name == state).Select(s => s.Title).FirstOrDefault() ?? state;

    private string Href(string? state, string? sort, Dictionary<string, string?> paging) =>
        QueryHelpers.AddQueryString("/saker", new Dictionary<string, string?>
        {
            ["sok"] = Blank(Search),
            ["fodt"] = Blank(BirthDate),
            ["steg"] = Blank(state),
            ["spor"] = Blank(Track),
            ["kilde"] = Blank(Source),
            ["enhet"] = Blank(Unit),
            ["betjent"] = Blank(Officer),
            ["frist"] = Blank(Due),
            ["sorter"] = Blank(sort),
        }.Concat(paging).Where(pair => pair.Value is not null));

    private T? Number<T>(string name)
        where T : struct, IParsable<T> =>
        T.TryParse(Request.Query[name].ToString(), CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
