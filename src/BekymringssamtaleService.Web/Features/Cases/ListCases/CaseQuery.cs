using System.Globalization;
using System.Text.RegularExpressions;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Workflows.Definitions;

namespace BekymringssamtaleService.Web.Features.Cases.ListCases;

/// <summary>The case list's filters as typed in the page's form or the API's query string, before they are read.</summary>
public sealed record CaseQueryText(
    string? Search = null,
    string? BirthDate = null,
    string? State = null,
    string? Track = null,
    string? Source = null,
    string? Unit = null,
    string? Officer = null,
    string? Due = null,
    string? Sort = null,
    long? After = null,
    int? Offset = null,
    int? Limit = null,
    DateTimeOffset? DueBefore = null);

/// <summary>
/// Reads the typed filters into a <see cref="CaseFilter"/>, or says in Norwegian what is wrong with each field (keyed
/// by the API's parameter names; the page shows them by its own fields). The birth date is in the format given: the
/// page's Norwegian <c>dd.MM.yyyy</c>, the API's <c>yyyy-MM-dd</c>.
/// </summary>
public static partial class CaseQuery
{
    public const string SearchField = "q";
    public const string BirthDateField = "birthDate";
    public const string StateField = "state";
    public const string TrackField = "track";
    public const string SourceField = "source";
    public const string DueField = "due";
    public const string SortField = "sort";
    public const string OffsetField = "offset";

    public const string PageDateFormat = "dd.MM.yyyy";
    public const string ApiDateFormat = "yyyy-MM-dd";

    /// <summary>Long enough for a full name; the words of a longer text are not a name.</summary>
    public const int MaxSearchLength = 100;

    private const int MaxNameWords = 4;
    private const int ShortestNameWord = 2;

    public static readonly IReadOnlyList<(string Value, string Title)> Dues = [("overdue", "Har forfalte oppgaver"), ("week", "Har oppgaver med frist denne uken")];

    public static readonly IReadOnlyList<(string Value, CaseSort Sort, string Title)> Sorts =
    [
        ("newest", CaseSort.Newest, "Nyeste først"),
        ("oldest", CaseSort.Oldest, "Eldste først"),
        ("nextDue", CaseSort.NextDue, "Neste frist"),
        ("step", CaseSort.Step, "Steg"),
    ];

    public static readonly IReadOnlyList<(Track Track, string Value)> Tracks = [.. Enum.GetValues<Track>().Select(track => (track, track.WireName()))];

    public static readonly IReadOnlyList<(ConcernSource Source, string Value)> Sources =
        [.. Enum.GetValues<ConcernSource>().Select(source => (source, JsonNamingPolicyName(source)))];

    public static (CaseFilter? Filter, IReadOnlyDictionary<string, string[]> Errors) Read(CaseQueryText text, WorkflowDefinition workflow, string dateFormat, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var search = ReadSearch(Blank(text.Search), errors);
        DateOnly? birthDate = null;
        if (Blank(text.BirthDate) is { } birthText)
        {
            var example = new DateOnly(2011, 3, 14).ToString(dateFormat, CultureInfo.InvariantCulture);
            if (DateOnly.TryParseExact(birthText, dateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && date.Year >= 1900 && date <= OsloTime.Today(now))
            {
                birthDate = date;
            }
            else
            {
                errors[BirthDateField] = [$"Skriv fødselsdatoen som {dateFormat.ToLowerInvariant().Replace('y', 'å')}, for eksempel {example}."];
            }
        }

        var state = Blank(text.State);
        if (state is not null && !workflow.States.Any(s => s.Name == state))
        {
            errors[StateField] = ["Velg et steg fra listen."];
        }

        Track? track = null;
        if (Blank(text.Track) is { } trackText)
        {
            track = TrackNames.FromWireName(trackText);
            if (track is null)
            {
                errors[TrackField] = ["Velg et spor fra listen."];
            }
        }

        ConcernSource? source = null;
        if (Blank(text.Source) is { } sourceText)
        {
            source = Sources.Where(s => s.Value == sourceText).Select(s => (ConcernSource?)s.Source).FirstOrDefault();
            if (source is null)
            {
                errors[SourceField] = ["Velg en kilde fra listen."];
            }
        }

        var dueBefore = text.DueBefore;
        switch (Blank(text.Due))
        {
            case null:
                break;
            case "overdue":
                dueBefore = now;
                break;
            case "week":
                dueBefore = StartOfNextWeek(now);
                break;
            default:
                errors[DueField] = ["Velg en frist fra listen."];
                break;
        }

        var sort = CaseSort.Newest;
        if (Blank(text.Sort) is { } sortText)
        {
            var found = Sorts.Where(s => s.Value == sortText).Select(s => (CaseSort?)s.Sort).FirstOrDefault();
            if (found is null)
            {
                errors[SortField] = ["Velg en sortering fra listen."];
            }
            else
            {
                sort = found.Value;
            }
        }

        if (text.Offset is < 0 or > CaseList.MaxOffset)
        {
            errors[OffsetField] = [$"Listen kan blas {CaseList.MaxOffset} saker dypt i denne sorteringen. Snevre inn med filtrene."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new CaseFilter
        {
            Search = search,
            BirthDate = birthDate,
            State = state,
            Track = track,
            Source = source,
            Unit = Blank(text.Unit),
            Officer = Blank(text.Officer),
            DueBefore = dueBefore,
            Sort = sort,
            After = text.After,
            Offset = text.Offset ?? 0,
            Limit = text.Limit,
        }, errors);
    }

    /// <summary>Monday 00:00 of next week, Norwegian time: "this week" ends there.</summary>
    public static DateTimeOffset StartOfNextWeek(DateTimeOffset now)
    {
        var today = OsloTime.Today(now);
        var daysToMonday = today.DayOfWeek == DayOfWeek.Sunday ? 1 : 8 - (int)today.DayOfWeek;
        return OsloTime.FromOsloWallClock(today.AddDays(daysToMonday).ToDateTime(TimeOnly.MinValue));
    }

    private static CaseSearch? ReadSearch(string? text, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        var number = CaseNumberPattern().Match(text);
        if (number.Success)
        {
            if (long.TryParse(number.Groups["digits"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return new CaseSearch(value, []);
            }

            errors[SearchField] = ["Det finnes ingen sak med et så stort saksnummer."];
            return null;
        }

        var words = CaseNameWord.Of(text);
        if (text.Length > MaxSearchLength || words.Count > MaxNameWords || words.Any(word => word.Length < ShortestNameWord))
        {
            errors[SearchField] = [$"Søk med et saksnummer (som BS-123) eller med navnet til ungdommen: opptil {MaxNameWords} ord på minst {ShortestNameWord} bokstaver."];
            return null;
        }

        return new CaseSearch(null, words);
    }

    private static string JsonNamingPolicyName(ConcernSource source) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(source.ToString());

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^(?:BS\s*-?\s*)?(?<digits>[0-9]+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaseNumberPattern();
}
