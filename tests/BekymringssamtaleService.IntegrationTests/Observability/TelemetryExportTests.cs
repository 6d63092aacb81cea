using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Features.Incidents;
using BekymringssamtaleService.Web.Letters;
using BekymringssamtaleService.Web.Observability;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BekymringssamtaleService.IntegrationTests.Observability;

/// <summary>
/// A host that exports to an OTLP receiver of the test's own (every quarter of a second) runs a case from registration
/// through invitation, letters sent, one failed and one refused, reminders fired by moving the clock, to the meeting
/// held: the spans and figures operators need arrive, and no name, national ID number, e-mail or postal address does.
/// Activity listeners are the process's, so the host's tracer hears every host in the test process: it runs alone.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class TelemetryExportTests(SharedHost shared) : IAsyncLifetime
{
    private static readonly string[] YouthFields = ["nationalIdNumber", "email", "phone"];
    private static readonly string[] GuardianFields = ["name", "email", "address"];

    private OtlpReceiver _receiver = null!;
    private ClockedHost _clocked = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _receiver = await OtlpReceiver.StartAsync();
        _clocked = new ClockedHost
        {
            Settings = new Dictionary<string, string?>
            {
                ["Telemetry:OtlpEndpoint"] = _receiver.Endpoint.ToString(),
                ["Telemetry:ExportInterval"] = "00:00:00.250",
                // One attempt only: a letter written while the mail server is down fails at once.
                ["Letters:Delivery:MaxAttempts"] = "1",
            },
        };
        await _clocked.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _clocked.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_case_run_end_to_end_exports_its_spans_and_figures_and_no_personal_data()
    {
        var host = _clocked.Host;
        await _clocked.MoveClockToAsync(_clocked.Clock.GetUtcNow()); // The demo data's letters are out of the way.
        using var measured = new MeasuredTotals(host.Services.GetRequiredService<IMeterFactory>());
        var measuredFrom = _clocked.Clock.GetUtcNow();
        var tag = Guid.NewGuid().ToString("N")[..12];
        var registration = CaseRequests.Registration();
        var refusedGuardian = CaseRequests.Guardian($"Randi Avvist{tag}", $"avvist-{tag}@example.com", "nb");
        refusedGuardian["address"] = $"Kirkeveien {tag}, 0368 Oslo";
        registration["guardians"]!.AsArray().Add(refusedGuardian);
        using var api = new CaseApi(host, DemoUsers.OsloOfficer);

        var caseId = await api.RegisterAsync(registration);
        await api.StepAsync(caseId, "choose-track", new { track = "voluntary" });
        await host.StopSmtpAsync();
        await api.StepAsync(caseId, "invite", CaseRequests.Invitation(_clocked.NextSlot()));
        await Eventually.TrueAsync(async () => await LettersAsync(caseId, "Pending") == 0, "the invitations to fail while the mail server is down");
        await host.StartSmtpAsync();
        host.Smtp.RejectedRecipients[refusedGuardian["email"].AsText()] = true;
        var meeting = _clocked.NextSlot();
        await api.StepAsync(caseId, "reschedule", new { meetingStart = meeting, durationMinutes = MeetingSlots.Minutes, place = "Politihuset" });
        await _clocked.MoveClockToAsync(meeting); // The reminders fall due on the way and are sent.
        await api.StepAsync(caseId, "record-attendance", new { youthAttended = true });
        // A value in a query string and in a path no route matches.
        using var filtered = await api.GetResponseAsync($"/saker?enhet={Uri.EscapeDataString(refusedGuardian["name"].AsText())}");
        using var unmatched = await api.GetResponseAsync($"/api/v1/saker/{Uri.EscapeDataString(registration["youth"]!["nationalIdNumber"].AsText())}");

        string[] expectedInTraces =
        [
            TelemetrySetup.ServiceName, "service.version", "/cases/{id:guid}/invite", "http.route", "db.query.text", "UPDATE letters SET status",
            "workflow step", "Reschedule", "run activity", "sendLetter", "fire due timers", "fire timer", "send letters", "send letter", "rejected",
        ];
        string[] expectedInMetrics =
        [
            LetterMetrics.SentName, LetterMetrics.FailedName, LetterMetrics.RejectedName, WorkflowMetrics.TimerLatenessName,
            OpenIncidentsGauge.Name, WorkflowMetrics.StepsName, "http.server.request.duration", "dotnet.gc.collections",
        ];
        var missing = new List<string>();
        if (!await Eventually.HoldsAsync(
            () => Task.FromResult((missing = [.. Missing(_receiver.Traces, expectedInTraces), .. Missing(_receiver.Metrics, expectedInMetrics)]).Count == 0),
            Eventually.DefaultLimit))
        {
            Assert.Fail($"Not exported after {Eventually.DefaultLimit.TotalSeconds:0} s: {string.Join(", ", missing)}");
        }

        string[] entered =
        [
            .. new[] { registration["youth"]!["givenName"].AsText() + " " + registration["youth"]!["familyName"].AsText(), registration["youth"]!["familyName"].AsText() },
            .. YouthFields.Select(field => registration["youth"]![field].AsText()),
            .. registration["guardians"]!.AsArray().SelectMany(guardian => GuardianFields.Select(field => guardian![field].AsText())),
            registration["concernText"].AsText(),
        ];
        var personal = SeededPersonalData.Values.Concat(entered).ToList();
        Assert.Empty(SeededPersonalData.FoundIn(OtlpReceiver.AsText(_receiver.Traces), personal).Select(found => found.Value).Distinct());
        Assert.Empty(SeededPersonalData.FoundIn(OtlpReceiver.AsText(_receiver.Metrics), personal).Select(found => found.Value).Distinct());

        // The counters agree with the outbox: every letter written since counted once, by its outcome.
        Assert.Equal(await LettersSinceAsync("Sent", measuredFrom), measured.Total(LetterMetrics.SentName));
        Assert.Equal(await LettersSinceAsync("Failed", measuredFrom), measured.Total(LetterMetrics.FailedName));
        Assert.Equal(await LettersSinceAsync("Rejected", measuredFrom), measured.Total(LetterMetrics.RejectedName));
        Assert.All(new[] { LetterMetrics.SentName, LetterMetrics.FailedName, LetterMetrics.RejectedName }, name => Assert.True(measured.Total(name) > 0, name));
    }

    [Fact]
    public void A_host_without_an_OTLP_endpoint_collects_and_exports_nothing()
    {
        Assert.Null(shared.Host.Services.GetService<TracerProvider>());
        Assert.Null(shared.Host.Services.GetService<MeterProvider>());
    }

    /// <summary>The expected strings not (yet) in any body received.</summary>
    private static List<string> Missing(IEnumerable<byte[]> bodies, IEnumerable<string> expected)
    {
        var texts = OtlpReceiver.AsText(bodies);
        return [.. expected.Where(text => !texts.Any(body => body.Contains(text, StringComparison.Ordinal)))];
    }

    private Task<long> LettersAsync(Guid caseId, string status) =>
        ScalarAsync("SELECT count(*) FROM letters WHERE case_id = @case AND status = @status", ("case", caseId), ("status", status));

    private Task<long> LettersSinceAsync(string status, DateTimeOffset since) =>
        ScalarAsync("SELECT count(*) FROM letters WHERE status = @status AND created_at >= @since", ("status", status), ("since", since));

    private async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(_clocked.Host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)(await command.ExecuteScalarAsync(Token))!;
    }

    /// <summary>Sums each counter of one host's service meter (found by the host's meter factory) from now on.</summary>
    private sealed class MeasuredTotals : IDisposable
    {
        private readonly ConcurrentDictionary<string, long> _totals = new();
        private readonly MeterListener _listener;

        public MeasuredTotals(IMeterFactory hostMeters)
        {
            _listener = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Scope == hostMeters && instrument.Meter.Name == ServiceMeter.Name)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
            _listener.Start();
        }

        public long Total(string instrument) => _totals.GetValueOrDefault(instrument);

        public void Dispose() => _listener.Dispose();
    }
}
