using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.SmtpSink;
using BekymringssamtaleService.Testing;
using Ical.Net;
using MimeKit;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>The case API as one demo user calls it (X-Dev-User), with typed helpers for registering, stepping and reading.</summary>
internal sealed class CaseApi : IDisposable
{
    private const string Cases = "/api/v1/cases";
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    private readonly HttpClient _client;

    public CaseApi(ServiceHost host, string staffId)
        : this(host.CreateHttpClient(), staffId)
    {
    }

    /// <summary>For a host running in its own process.</summary>
    public CaseApi(ServiceProcess host, string staffId)
        : this(new HttpClient { BaseAddress = host.BaseAddress }, staffId)
    {
    }

    private CaseApi(HttpClient client, string staffId)
    {
        _client = client;
        _client.DefaultRequestHeaders.Add("X-Dev-User", staffId);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public Task<HttpResponseMessage> GetResponseAsync(string path) => _client.GetAsync(path, Token);

    public Task<HttpResponseMessage> PostAsync(string path, object body) => _client.PostAsJsonAsync(path, body, Json, Token);

    /// <summary>Posts the content exactly as given: malformed JSON, another content type.</summary>
    public Task<HttpResponseMessage> PostContentAsync(string path, HttpContent content) => _client.PostAsync(path, content, Token);

    public Task<HttpResponseMessage> TryRegisterAsync(JsonObject request) => PostAsync(Cases, request);

    /// <summary>Registers the case and answers its id; fails the test unless the API answers 201.</summary>
    public async Task<Guid> RegisterAsync(JsonObject? request = null)
    {
        using var response = await TryRegisterAsync(request ?? CaseRequests.Registration());
        var created = await ReadAsync<StepAnswer>(response, HttpStatusCode.Created);
        return created.Id;
    }

    public Task<HttpResponseMessage> TryStepAsync(Guid caseId, string slug, object? body = null) =>
        PostAsync($"{Cases}/{caseId}/{slug}", body ?? new { });

    /// <summary>
    /// The opening most tests share: registers a case (the one given, or a fresh one), chooses the voluntary track and
    /// invites to a meeting at <paramref name="start"/> with the officers given (else the demo officer). Answers the case's id.
    /// </summary>
    public async Task<Guid> OpenInvitedCaseAsync(DateTimeOffset start, JsonObject? registration = null, params string[] officerIds)
    {
        var id = await RegisterAsync(registration);
        await StepAsync(id, "choose-track", new { track = "voluntary" });
        await StepAsync(id, "invite", CaseRequests.Invitation(start, officerIds));
        return id;
    }

    /// <summary>Takes the step and answers the state the case is in afterwards; fails the test unless the API answers 200.</summary>
    public async Task<string> StepAsync(Guid caseId, string slug, object? body = null)
    {
        using var response = await TryStepAsync(caseId, slug, body);
        return (await ReadAsync<StepAnswer>(response, HttpStatusCode.OK)).State;
    }

    public async Task<CaseView> GetAsync(Guid caseId)
    {
        using var response = await GetResponseAsync($"{Cases}/{caseId}");
        return await ReadAsync<CaseView>(response, HttpStatusCode.OK);
    }

    /// <summary>Records a consent ("youth" or "guardian-{id}") and answers its id; fails the test unless the API answers 201.</summary>
    public async Task<Guid> RecordConsentAsync(Guid caseId, string person, string sharing, string givenOn)
    {
        using var response = await PostAsync($"{Cases}/{caseId}/consents", new { person, sharing, givenOn });
        return (await ReadAsync<ConsentRecordedAnswer>(response, HttpStatusCode.Created)).Id;
    }

    /// <summary>Records every guardian's consent to the sharing (and the youth's, when <paramref name="youthToo"/>).</summary>
    public async Task ConsentAsync(Guid caseId, string sharing, string givenOn, bool youthToo = false)
    {
        var people = (await GetAsync(caseId)).Guardians.Select(g => $"guardian-{g.Id}");
        foreach (var person in youthToo ? people.Prepend("youth") : people)
        {
            await RecordConsentAsync(caseId, person, sharing, givenOn);
        }
    }

    public async Task<ConsentsView> ConsentsAsync(Guid caseId)
    {
        using var response = await GetResponseAsync($"{Cases}/{caseId}/consents");
        return await ReadAsync<ConsentsView>(response, HttpStatusCode.OK);
    }

    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(Guid caseId)
    {
        using var response = await GetResponseAsync($"{Cases}/{caseId}/timeline");
        return await ReadAsync<List<TimelineEntry>>(response, HttpStatusCode.OK);
    }

    public async Task<IReadOnlyList<LetterEntry>> LettersAsync(Guid caseId)
    {
        using var response = await GetResponseAsync($"{Cases}/{caseId}/letters");
        return await ReadAsync<List<LetterEntry>>(response, HttpStatusCode.OK);
    }

    /// <summary>Every case the user may list, following the cursor through all pages.</summary>
    public async Task<IReadOnlyList<CaseSummaryView>> ListAllAsync()
    {
        var all = new List<CaseSummaryView>();
        long? cursor = null;
        do
        {
            using var response = await GetResponseAsync(cursor is null ? $"{Cases}?limit=200" : $"{Cases}?limit=200&after={cursor}");
            var page = await ReadAsync<CasePageView>(response, HttpStatusCode.OK);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return all;
    }

    /// <summary>The ProblemDetails of a refused request, after checking its status.</summary>
    public static Task<Problem> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected) => ReadAsync<Problem>(response, expected);

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>Request bodies a test starts from and changes one field of.</summary>
internal static class CaseRequests
{
    public const string Unit = "OSLO-SENTRUM";

    /// <summary>A valid registration in OSLO-SENTRUM: a 14-year-old with a national ID number, e-mail, and one guardian; addresses unique to the case.</summary>
    public static JsonObject Registration(string? offenceReference = null)
    {
        var birthDate = OsloTime.Today(TimeProvider.System.GetUtcNow()).AddYears(-14).AddDays(-30);
        var tag = Guid.NewGuid().ToString("N")[..12];
        var request = new JsonObject
        {
            ["unitCode"] = Unit,
            ["youth"] = new JsonObject
            {
                ["givenName"] = "Nora",
                ["familyName"] = $"Testesen{tag}",
                ["birthDate"] = birthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["nationalIdNumber"] = NationalIds.For(birthDate),
                ["email"] = $"ungdom-{tag}@example.com",
                ["phone"] = "+47 400 00 100",
                ["language"] = "nb",
            },
            ["guardians"] = new JsonArray(Guardian($"Per Testesen{tag}", $"foresatt-{tag}@example.com", "nb")),
            ["source"] = "school",
            ["concernText"] = "Skolen melder om mye fravær og nye, eldre venner.",
        };
        if (offenceReference is not null)
        {
            request["offenceReference"] = offenceReference;
        }

        return request;
    }

    /// <summary>The e-mail addresses the registration's letters go to: the youth's and each guardian's who has one.</summary>
    public static string[] Addresses(JsonObject request) =>
        [.. new[] { request["youth"]!["email"] }.Concat(request["guardians"]!.AsArray().Select(g => g!["email"])).OfType<JsonNode>().Select(AsText)];

    public static string AsText(this JsonNode? node) => node!.GetValue<string>();

    public static JsonObject Guardian(string name, string email, string language) => new()
    {
        ["name"] = name,
        ["email"] = email,
        ["address"] = "Storgata 1, 0184 Oslo",
        ["language"] = language,
        ["livesWithYouth"] = true,
    };

    public static object Invitation(DateTimeOffset start, params string[] officerIds) => new
    {
        meetingStart = start,
        durationMinutes = MeetingSlots.Minutes,
        place = "Oslo politihus, Grønlandsleiret 44",
        officerIds = officerIds.Length == 0 ? [DemoUsers.OsloOfficer] : officerIds,
    };

    public static object Mapping(string overallConcern, string? radicalisationNotes = null) => new
    {
        factors = new[]
        {
            new { domain = "schoolOrWork", risk = "Mye fravær", protective = "God kontakt med kontaktlærer" },
            new { domain = "friendsAndNetwork", risk = "Nye, eldre venner", protective = "Trener fotball to ganger i uka" },
        },
        overallConcern,
        radicalisationNotes,
    };
}

/// <summary>
/// Meeting times nobody else in the test run uses: each call hands out the next free hour of a weekday from a week
/// ahead, inside the working day (08:00–16:00 Oslo time), so tests sharing a host never double-book an officer by accident.
/// </summary>
internal static class MeetingSlots
{
    public const int Minutes = 60;
    private const int SlotsPerDay = 8;
    private static int _taken = -1;

    public static DateTimeOffset Next()
    {
        var slot = Interlocked.Increment(ref _taken);
        var day = OsloTime.Today(TimeProvider.System.GetUtcNow()).AddDays(7);
        for (var weekdays = slot / SlotsPerDay; ; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            if (weekdays-- == 0)
            {
                break;
            }
        }

        return OsloTime.FromOsloWallClock(day.ToDateTime(new TimeOnly(8 + (slot % SlotsPerDay), 0)));
    }

    /// <summary>A weekday at the given Oslo wall-clock time, a month ahead (past every slot <see cref="Next"/> hands out in a run).</summary>
    public static DateTimeOffset WeekdayAt(TimeOnly time)
    {
        var day = OsloTime.Today(TimeProvider.System.GetUtcNow()).AddDays(40);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return OsloTime.FromOsloWallClock(day.ToDateTime(time));
    }
}

/// <summary>Valid Norwegian national ID numbers (fødselsnummer) for test youths, with both mod-11 check digits.</summary>
internal static class NationalIds
{
    private static readonly int[] FirstWeights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] SecondWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    /// <summary>
    /// A number for the birth date: ddMMyy, an individual number in the birth year's century range (500–999 for
    /// 2000–2039, 000–499 for 1900–1999), and the two check digits; individual numbers that would need a check digit 10 are skipped.
    /// </summary>
    public static string For(DateOnly birthDate)
    {
        var first = birthDate.Year >= 2000 ? 500 : 0;
        for (var individual = first; individual < first + 500; individual++)
        {
            var digits = $"{birthDate:ddMMyy}{individual:000}".Select(c => c - '0').ToList();
            var k1 = CheckDigit(digits, FirstWeights);
            if (k1 == 10)
            {
                continue;
            }

            digits.Add(k1);
            var k2 = CheckDigit(digits, SecondWeights);
            if (k2 == 10)
            {
                continue;
            }

            digits.Add(k2);
            return string.Concat(digits);
        }

        throw new InvalidOperationException($"No valid national ID number for {birthDate}.");
    }

    /// <summary>The valid number for the birth date with its last check digit changed, so the mod-11 check fails.</summary>
    public static string WithWrongCheckDigit(DateOnly birthDate)
    {
        var valid = For(birthDate);
        return valid[..10] + (char)('0' + ((valid[10] - '0' + 1) % 10));
    }

    private static int CheckDigit(List<int> digits, int[] weights)
    {
        var remainder = weights.Select((weight, index) => weight * digits[index]).Sum() % 11;
        return remainder == 0 ? 0 : 11 - remainder;
    }
}

/// <summary>Waits for the letters the outbox sends through the SMTP sink.</summary>
internal static class Mail
{
    /// <summary>
    /// Waits until <paramref name="count"/> messages match and the host's outbox has sent every letter written until
    /// then (a step's letters are written with the step), so that an extra matching one would have arrived; then
    /// checks that exactly that many match.
    /// </summary>
    public static async Task<IReadOnlyList<MimeMessage>> WaitForAsync(ServiceHost host, Func<MimeMessage, bool> matches, int count)
    {
        await Eventually.TrueAsync(() => host.Mailbox.Messages.Count(matches) >= count, $"{count} matching mails");
        var writtenUntil = TimeProvider.System.GetUtcNow();
        await Eventually.TrueAsync(() => OutboxSentAsync(host, writtenUntil), "the outbox to send every letter written so far");
        var found = host.Mailbox.Messages.Where(matches).ToList();
        Assert.True(found.Count == count, $"Expected {count} matching mails, got {found.Count}.");
        return found;
    }

    private static async Task<bool> OutboxSentAsync(ServiceHost host, DateTimeOffset writtenUntil)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT NOT EXISTS (SELECT 1 FROM letters WHERE status = 'Pending' AND created_at <= @until)", connection);
        command.Parameters.AddWithValue("until", writtenUntil);
        return (bool)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public static bool IsTo(this MimeMessage message, IEnumerable<string> addresses) =>
        message.To.Mailboxes.Any(to => addresses.Contains(to.Address, StringComparer.OrdinalIgnoreCase));

    /// <summary>The samtale.ics attachment, parsed.</summary>
    public static Calendar Calendar(this MimeMessage message)
    {
        var attachment = message.Attachments.OfType<MimePart>().Single(part => part.FileName == "samtale.ics");
        using var content = new MemoryStream();
        attachment.Content!.DecodeTo(content);
        return Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!;
    }

    /// <summary>Line endings as stored (SMTP turns them into CRLF on the way).</summary>
    public static string Normalized(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
}

internal sealed record StepAnswer(Guid Id, string State);

internal sealed record Problem(int Status, string Title, string? Detail, Dictionary<string, string[]>? Errors)
{
    /// <summary>The messages for one field; fails the test when the field has none.</summary>
    public string[] For(string field)
    {
        Assert.True(Errors?.ContainsKey(field) == true, $"Expected an error on {field}, got: {(Errors is null ? "none" : string.Join(", ", Errors.Keys))}");
        return Errors![field];
    }
}

internal sealed record CaseView(
    Guid Id,
    string CaseNumber,
    string UnitCode,
    string State,
    string StateTitle,
    string? Track,
    string? OffenceReference,
    YouthView Youth,
    IReadOnlyList<GuardianView> Guardians,
    MeetingView? Meeting,
    MappingVersion? LatestMapping,
    IReadOnlyList<AgreedMeasure> Measures,
    IReadOnlyList<OpenTaskView> OpenTasks,
    IReadOnlyList<ActionView> PermittedActions,
    TimelineEntry? HowItGotHere,
    RestrictedView? Restricted)
{
    public IReadOnlyList<string> Actions => [.. PermittedActions.Select(a => a.Action)];
}

internal sealed record MeetingView(Guid CalendarUid, int Sequence, DateTimeOffset StartsAt, int DurationMinutes, string Place, string Status);

internal sealed record MappingVersion(int Version, string OverallConcern, string SignedBy);

internal sealed record YouthView(string FullName);

internal sealed record GuardianView(int Id, string Name);

internal sealed record AgreedMeasure(Guid Id, string Code, string Name, string Responsible, string? ConsentSharing, string Status);

internal sealed record OpenTaskView(Guid Id, string Title, string CandidateRole);

internal sealed record ConsentRecordedAnswer(Guid Id, Guid CaseId);

internal sealed record ConsentsView(IReadOnlyList<ConsentEntry> Records, IReadOnlyList<SharingEntry> Sharings)
{
    public SharingEntry Sharing(string sharing) => Sharings.Single(s => s.Sharing == sharing);
}

internal sealed record ConsentEntry(
    Guid Id, string Kind, string? Person, string Title, string Sharing, string? LegalGround, DateOnly GivenOn, DateOnly? WithdrawnOn, string RecordedBy, string? WithdrawnBy);

internal sealed record SharingEntry(string Sharing, bool Valid, IReadOnlyList<string> Missing, string? Reason);

/// <summary>All a case's readers learn of the Liaisons' compartment: that it holds something, and whom to ask.</summary>
internal sealed record RestrictedView(string? Liaison);

internal sealed record ActionView(string Action, string Title, string Href);

internal sealed record TimelineEntry(DateTimeOffset At, string Kind, string Title, string? By, List<TimelineDetailEntry> Details);

internal sealed record TimelineDetailEntry(string Field, string Label, string Text);

internal sealed record LetterEntry(
    Guid Id,
    string Kind,
    string Recipient,
    string RecipientName,
    string Channel,
    string? RecipientEmail,
    string Language,
    string Subject,
    string TextBody,
    string HtmlBody,
    bool HasCalendar,
    string Status,
    string? PostedBy,
    string MessageId);

internal sealed record CaseSummaryView(Guid Id, string CaseNumber, string State, string YouthName);

internal sealed record CasePageView(IReadOnlyList<CaseSummaryView> Items, long? NextCursor);
