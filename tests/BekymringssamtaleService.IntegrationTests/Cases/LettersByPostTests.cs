using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>
/// Families without e-mail: a guardian with only a postal address gets every letter as a PDF to print and post, in
/// their own language and addressed for a window envelope, while everyone else gets theirs by e-mail; an officer marks
/// it posted. The PDFs are read back with PdfPig. The host's clock is the test's.
/// </summary>
public sealed class LettersByPostTests : IAsyncLifetime
{
    private const string ConcernText = "Skolen melder om mye fravær og nye, eldre venner.";
    private const string Place = "Oslo politihus, Grønlandsleiret 44";

    /// <summary>The envelope window (DIN 5008 form B: 20 mm from the left, 45 mm from the top, 85 × 45 mm) in PDF points from the bottom left.</summary>
    private static readonly (double Left, double Bottom, double Right, double Top) Window = (Mm(20), Mm(297 - 90), Mm(105), Mm(297 - 45));

    private readonly ClockedHost _clocked = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ServiceHost Host => _clocked.Host;

    private FakeTimeProvider Clock => _clocked.Clock;

    public ValueTask InitializeAsync() => _clocked.InitializeAsync();

    public ValueTask DisposeAsync() => _clocked.DisposeAsync();

    [Fact]
    public async Task A_guardian_without_email_is_registered_with_a_complete_postal_address_and_refused_in_Norwegian_without_one()
    {
        using var api = new CaseApi(Host, DemoUsers.OsloOfficer);
        var postalOnly = CaseRequests.Registration();
        postalOnly["guardians"] = new JsonArray(PostalGuardian("Åse Postmann", "Fjordvegen 5, 6856 Sogndal", "nn"));
        var noPostcode = CaseRequests.Registration();
        noPostcode["guardians"] = new JsonArray(PostalGuardian("Åse Postmann", "Fjordvegen 5", "nn"));
        var neither = CaseRequests.Registration();
        neither["guardians"] = new JsonArray(new JsonObject { ["name"] = "Åse Postmann", ["language"] = "nn", ["livesWithYouth"] = true });
        var youthWithIncompleteAddress = CaseRequests.Registration();
        youthWithIncompleteAddress["youth"]!["email"] = null;
        youthWithIncompleteAddress["youth"]!["address"] = "Sogndal";

        var registered = await api.RegisterAsync(postalOnly);
        using var withoutPostcode = await api.TryRegisterAsync(noPostcode);
        using var withNothing = await api.TryRegisterAsync(neither);
        using var youthWithout = await api.TryRegisterAsync(youthWithIncompleteAddress);

        Assert.Equal("Registered", (await api.GetAsync(registered)).State);
        Assert.Contains("fullstendig postadresse med gate og nummer, postnummer og poststed",
            Assert.Single((await CaseApi.ProblemAsync(withoutPostcode, HttpStatusCode.BadRequest)).For("guardians[0].address")), StringComparison.Ordinal);
        var nothing = await CaseApi.ProblemAsync(withNothing, HttpStatusCode.BadRequest);
        Assert.Contains("Fyll ut e-postadressen, eller en fullstendig postadresse", Assert.Single(nothing.For("guardians[0].email")), StringComparison.Ordinal);
        Assert.Equal("Feltet må fylles ut.", Assert.Single(nothing.For("guardians[0].address")));
        Assert.Contains("fullstendig postadresse", Assert.Single((await CaseApi.ProblemAsync(youthWithout, HttpStatusCode.BadRequest)).For("youth.address")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_guardian_without_email_gets_no_mail_and_their_invitation_waits_to_be_printed_while_the_others_get_theirs_by_email()
    {
        using var api = new CaseApi(Host, DemoUsers.OsloOfficer);
        var (registration, postal) = RegistrationWithPostalGuardians();

        var caseId = await api.OpenInvitedCaseAsync(MeetingSlots.WeekdayAt(new TimeOnly(10, 0)), registration);

        var mails = await Mail.WaitForAsync(Host, m => m.IsTo(CaseRequests.Addresses(registration)), 2);
        var letters = await api.LettersAsync(caseId);
        var printed = letters.Where(l => postal.Contains(l.RecipientName)).ToList();
        Assert.Equal(2, printed.Count);
        Assert.All(printed, letter =>
        {
            Assert.Equal(("invitation", "post", "awaitingPrint", null, false), (letter.Kind, letter.Channel, letter.Status, letter.RecipientEmail, letter.HasCalendar));
            Assert.DoesNotContain(Host.Mailbox.Messages, m => m.MessageId == letter.MessageId);
        });
        // The officers' own calendar mail goes by e-mail beside the family's letters.
        var emailed = letters.Except(printed).Where(l => l.Kind != "officerCalendar").ToList();
        Assert.All(emailed, letter => Assert.Equal(("email", "sent", true), (letter.Channel, letter.Status, letter.HasCalendar)));
        Assert.Equal(
            emailed.Select(l => l.MessageId).Order(),
            mails.Select(m => m.MessageId).Order());
        var timeline = await api.TimelineAsync(caseId);
        Assert.All(postal, name => Assert.Equal("Venter på utskrift", Assert.Single(timeline, t => t.Title == $"Brev: Innkalling til {name}").Details.Single(d => d.Field == "status").Text));
    }

    [Fact]
    public async Task The_printed_letter_has_the_name_and_postal_address_in_the_envelope_window_and_the_time_and_place_in_the_guardians_language()
    {
        using var api = new CaseApi(Host, DemoUsers.OsloOfficer);
        var (registration, postal) = RegistrationWithPostalGuardians();
        var meeting = MeetingSlots.WeekdayAt(new TimeOnly(11, 0));
        var caseId = await api.OpenInvitedCaseAsync(meeting, registration);
        var caseNumber = (await api.GetAsync(caseId)).CaseNumber;
        var letters = await api.LettersAsync(caseId);
        var nynorsk = letters.Single(l => l.RecipientName == postal[0]);
        var english = letters.Single(l => l.RecipientName == postal[1]);

        var nynorskPdf = await PdfAsync(api, caseId, nynorsk.Id);
        var englishPdf = await PdfAsync(api, caseId, english.Id);

        Assert.Equal(["Politiet, Forebyggende seksjon sentrum", postal[0], "Fjordvegen 5", "6856 Sogndal"], nynorskPdf.WindowLines);
        Assert.Equal(["Politiet, Forebyggende seksjon sentrum", postal[1], "c/o Hansen", "Postboks 12", "0101 Oslo"], englishPdf.WindowLines);
        var today = OsloTime.Today(Clock.GetUtcNow());
        Assert.Contains($"Dato: {today.ToString("d. MMMM yyyy", CultureInfo.GetCultureInfo("nn-NO"))}", nynorskPdf.Lines);
        Assert.Contains($"Vår referanse: {caseNumber}", nynorskPdf.Lines);
        Assert.Contains("Tid og stad:", nynorskPdf.Lines);
        Assert.Contains($"Tid: kl. {Hours(meeting)}", nynorskPdf.Lines);
        Assert.Contains($"Stad: {Place}", nynorskPdf.Lines);
        Assert.Contains($"Date: {today.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}", englishPdf.Lines);
        Assert.Contains($"Our reference: {caseNumber}", englishPdf.Lines);
        Assert.Contains("Time and place:", englishPdf.Lines);
        Assert.Contains($"Time: {Hours(meeting)}", englishPdf.Lines);
        Assert.Contains($"Place: {Place}", englishPdf.Lines);
        Assert.Contains(OsloTime.ToOslo(meeting).ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")), string.Join('\n', englishPdf.Lines), StringComparison.Ordinal);
        Assert.All([nynorskPdf, englishPdf], pdf => Assert.DoesNotContain(pdf.Lines, line => line.Contains("fravær", StringComparison.Ordinal)));
        Assert.Equal(2, await AccessLogAsync(caseId, "print-letter", DemoUsers.OsloOfficer, purpose: "export"));
    }

    [Fact]
    public async Task Marking_a_printed_letter_posted_shows_it_posted_in_the_letters_and_the_timeline_once_however_many_officers_click()
    {
        using var api = new CaseApi(Host, DemoUsers.OsloOfficer);
        using var colleague = new CaseApi(Host, "betjent-oslo-2");
        var (registration, postal) = RegistrationWithPostalGuardians();
        var caseId = await api.OpenInvitedCaseAsync(MeetingSlots.WeekdayAt(new TimeOnly(12, 0)), registration);
        var letter = (await api.LettersAsync(caseId)).Single(l => l.RecipientName == postal[0]);
        // A whole second: PostgreSQL keeps microseconds, the clock ticks finer.
        var postedAt = new DateTimeOffset(Clock.GetUtcNow().Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(1);
        Clock.SetUtcNow(postedAt);

        var both = await Task.WhenAll(MarkPostedAsync(api, caseId, letter.Id), MarkPostedAsync(colleague, caseId, letter.Id));
        Clock.Advance(TimeSpan.FromHours(2));
        var again = await MarkPostedAsync(colleague, caseId, letter.Id);

        var first = both[0];
        Assert.Equal(first, both[1]);
        Assert.Equal(first, again);
        Assert.Equal(postedAt, first.PostedAt);
        Assert.True(first.PostedBy is "Kari Nordmann" or "Jonas Berg", first.PostedBy);
        var stored = (await api.LettersAsync(caseId)).Single(l => l.Id == letter.Id);
        Assert.Equal(("posted", first.PostedBy), (stored.Status, stored.PostedBy));
        var day = OsloTime.ToOslo(postedAt).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        Assert.Equal($"Postlagt {day}", Assert.Single(await api.TimelineAsync(caseId), t => t.Title == $"Brev: Innkalling til {postal[0]}").Details.Single(d => d.Field == "status").Text);
        Assert.Equal("awaitingPrint", (await api.LettersAsync(caseId)).Single(l => l.RecipientName == postal[1]).Status);
        Assert.Equal(1, await AccessLogAsync(caseId, "mark-letter-posted", DemoUsers.OsloOfficer));
        Assert.Equal(2, await AccessLogAsync(caseId, "mark-letter-posted", "betjent-oslo-2"));
    }

    [Fact]
    public async Task Another_units_officer_gets_the_same_404_for_the_pdf_and_for_marking_it_posted_and_an_email_letter_has_no_pdf()
    {
        using var api = new CaseApi(Host, DemoUsers.OsloOfficer);
        using var bergen = new CaseApi(Host, "betjent-vest");
        var (registration, postal) = RegistrationWithPostalGuardians();
        var caseId = await api.OpenInvitedCaseAsync(MeetingSlots.WeekdayAt(new TimeOnly(13, 0)), registration);
        var letters = await api.LettersAsync(caseId);
        var printed = letters.Single(l => l.RecipientName == postal[0]);
        var emailed = letters.First(l => l.Channel == "email");
        using var missingCase = await bergen.GetResponseAsync($"/api/v1/cases/{Guid.NewGuid()}/letters/{printed.Id}/pdf");

        using var pdf = await bergen.GetResponseAsync($"/api/v1/cases/{caseId}/letters/{printed.Id}/pdf");
        using var posted = await bergen.PostAsync($"/api/v1/cases/{caseId}/letters/{printed.Id}/mark-posted", new { });
        using var emailPdf = await api.GetResponseAsync($"/api/v1/cases/{caseId}/letters/{emailed.Id}/pdf");

        var notFound = await missingCase.Content.ReadAsStringAsync(Token);
        Assert.Equal((HttpStatusCode.NotFound, notFound), (pdf.StatusCode, await pdf.Content.ReadAsStringAsync(Token)));
        Assert.Equal((HttpStatusCode.NotFound, notFound), (posted.StatusCode, await posted.Content.ReadAsStringAsync(Token)));
        Assert.Contains("sendes på e-post", (await CaseApi.ProblemAsync(emailPdf, HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);
        Assert.Equal("awaitingPrint", (await api.LettersAsync(caseId)).Single(l => l.Id == printed.Id).Status);
        Assert.Equal(0, await AccessLogAsync(caseId, "print-letter", "betjent-vest") + await AccessLogAsync(caseId, "mark-letter-posted", "betjent-vest"));
    }

    [Fact]
    public async Task The_case_page_lists_the_letter_to_print_with_its_pdf_and_the_officer_marks_it_posted_there()
    {
        using var api = new CaseApi(Host, DemoUsers.OsloOfficer);
        var (registration, postal) = RegistrationWithPostalGuardians();
        var caseId = await api.OpenInvitedCaseAsync(MeetingSlots.WeekdayAt(new TimeOnly(14, 0)), registration);
        var letter = (await api.LettersAsync(caseId)).Single(l => l.RecipientName == postal[0]);
        using var browser = Host.CreateHttpClient();
        await browser.SignInAsync(DemoUsers.OsloOfficer);

        var before = await browser.GetStringAsync($"/saker/{caseId}", Token);
        using var pdf = await browser.GetAsync($"/api/v1/cases/{caseId}/letters/{letter.Id}/pdf", Token);
        using var marked = await browser.SubmitAsync($"/saker/{caseId}", new Dictionary<string, string> { ["letterId"] = letter.Id.ToString() }, "MarkPosted");
        var after = await browser.GetStringAsync($"/saker/{caseId}", Token);

        Assert.Contains($"Innkalling til {postal[0]} (nynorsk) – Venter på utskrift", WebUtility.HtmlDecode(before), StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/v1/cases/{caseId}/letters/{letter.Id}/pdf\"", before, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "application/pdf"), (pdf.StatusCode, pdf.Content.Headers.ContentType?.MediaType));
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        var day = OsloTime.ToOslo(Clock.GetUtcNow()).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        Assert.Contains($"Innkalling til {postal[0]} (nynorsk) – Postlagt {day}", WebUtility.HtmlDecode(after), StringComparison.Ordinal);
        Assert.Contains($"Innkalling til {postal[1]} (engelsk) – Venter på utskrift", WebUtility.HtmlDecode(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminders_go_only_to_recipients_with_email_because_a_printed_reminder_could_come_after_the_meeting()
    {
        using var api = new CaseApi(Host, DemoUsers.OsloOfficer);
        var (registration, postal) = RegistrationWithPostalGuardians();
        var meeting = MeetingSlots.WeekdayAt(new TimeOnly(15, 0));
        var caseId = await api.OpenInvitedCaseAsync(meeting, registration);

        Clock.SetUtcNow(meeting.AddHours(-1).ToUniversalTime());
        await Host.Services.GetRequiredService<DueTimers>().FireDueAsync(batchSize: 100, parallelism: 4, Token);

        // Three days and one day before, to the youth and to the guardian with e-mail: four, and no more.
        await Eventually.TrueAsync(async () => (await api.LettersAsync(caseId)).Count(l => l.Kind == "reminder") >= 4, "the reminders");
        var reminders = (await api.LettersAsync(caseId)).Where(l => l.Kind == "reminder").ToList();
        Assert.Equal(4, reminders.Count);
        Assert.All(reminders, reminder => Assert.Equal("email", reminder.Channel));
        Assert.DoesNotContain(reminders, reminder => postal.Contains(reminder.RecipientName));
    }

    /// <summary>A youth and a guardian with e-mail (bokmål), and two guardians with postal addresses only: nynorsk and English.</summary>
    private static (JsonObject Registration, string[] PostalNames) RegistrationWithPostalGuardians()
    {
        var registration = CaseRequests.Registration();
        var tag = Guid.NewGuid().ToString("N")[..8];
        string[] postal = [$"Åse Postmann{tag}", $"John Letter{tag}"];
        registration["guardians"]!.AsArray().Add(PostalGuardian(postal[0], "Fjordvegen 5, 6856 Sogndal", "nn"));
        registration["guardians"]!.AsArray().Add(PostalGuardian(postal[1], "c/o Hansen, Postboks 12, 0101 Oslo", "en"));
        registration["concernText"] = ConcernText;
        return (registration, postal);
    }

    private static JsonObject PostalGuardian(string name, string address, string language) => new()
    {
        ["name"] = name,
        ["address"] = address,
        ["language"] = language,
        ["livesWithYouth"] = false,
    };

    private static async Task<PrintedPdf> PdfAsync(CaseApi api, Guid caseId, Guid letterId)
    {
        using var response = await api.GetResponseAsync($"/api/v1/cases/{caseId}/letters/{letterId}/pdf");
        Assert.Equal((HttpStatusCode.OK, "application/pdf"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        using var document = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(Token));
        var first = document.GetPage(1).GetWords().ToList();
        return new PrintedPdf(
            [.. Lines(first.Where(InWindow))],
            [.. document.GetPages().SelectMany(page => Lines(page.GetWords()))]);
    }

    /// <summary>
    /// Words on one baseline, left to right, make a line, and a wide gap starts another (the date beside the address);
    /// lines from the top of the page down, a list item's bullet left out.
    /// </summary>
    private static IEnumerable<string> Lines(IEnumerable<Word> words) =>
        words.GroupBy(word => Math.Round(word.Letters[0].StartBaseLine.Y, 1))
            .OrderByDescending(line => line.Key)
            .SelectMany(line => Columns(line.OrderBy(word => word.BoundingBox.Left)))
            .Select(line => string.Join(' ', line.Select(word => word.Text)).TrimStart('•', ' '));

    private static IEnumerable<List<Word>> Columns(IEnumerable<Word> line)
    {
        var column = new List<Word>();
        foreach (var word in line)
        {
            if (column.Count > 0 && word.BoundingBox.Left - column[^1].BoundingBox.Right > Mm(10))
            {
                yield return column;
                column = [];
            }

            column.Add(word);
        }

        yield return column;
    }

    private static bool InWindow(Word word) =>
        word.BoundingBox.Left >= Window.Left && word.BoundingBox.Right <= Window.Right && word.BoundingBox.Bottom >= Window.Bottom && word.BoundingBox.Top <= Window.Top;

    private static async Task<MarkedPosted> MarkPostedAsync(CaseApi api, Guid caseId, Guid letterId)
    {
        using var response = await api.PostAsync($"/api/v1/cases/{caseId}/letters/{letterId}/mark-posted", new { });
        return await CaseApi.ReadAsync<MarkedPosted>(response, HttpStatusCode.OK);
    }

    /// <summary>The access log entries of the case with that action by that member of staff (and with that purpose, if given).</summary>
    private async Task<int> AccessLogAsync(Guid caseId, string action, string staffId, string? purpose = null)
    {
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        return await db.AccessLog.CountAsync(
            entry => entry.CaseId == caseId && entry.Action == action && entry.StaffId == staffId && (purpose == null || entry.Purpose == purpose), Token);
    }

    /// <summary>"09:00–10:00" as every letter writes a meeting's hours, whatever its language.</summary>
    private static string Hours(DateTimeOffset start) =>
        string.Create(CultureInfo.InvariantCulture, $"{OsloTime.ToOslo(start):HH:mm}–{OsloTime.ToOslo(start).AddMinutes(MeetingSlots.Minutes):HH:mm}");

    private static double Mm(double millimetres) => millimetres * 72 / 25.4;

    private sealed record PrintedPdf(IReadOnlyList<string> WindowLines, IReadOnlyList<string> Lines);

    private sealed record MarkedPosted(Guid Id, DateTimeOffset PostedAt, string PostedBy);
}
