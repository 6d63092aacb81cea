using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using Spectre.Console;

namespace BekymringssamtaleService.Benchmarks;

/// <summary>
/// A police district's worth of history, straight into the tables with binary COPY: 20 units of 20 officers and a
/// lead each, and per case (registered over the last three years, oldest first) its workflow instance, 10 journal rows,
/// 3 letters, 2 tasks, a guardian and a meeting. Cases of the last two months are open, spread over the steps; older
/// ones are mostly closed with an outcome. One case gets a timeline of 200 items for the case page.
/// </summary>
internal sealed class DashboardSeed(NpgsqlDataSource database, int cases, DateTimeOffset now)
{
    public const int Units = 20;
    public const int OfficersPerUnit = 20;
    public const int JournalRowsPerCase = 10;
    public const int LettersPerCase = 3;
    public const int TasksPerCase = 2;
    private const int Batch = 10_000;

    private static readonly string[] GivenNames = ["Emma", "Nora", "Sara", "Ingrid", "Olivia", "Maja", "Leah", "Ella", "Noah", "Jakob", "Emil", "Lukas", "Filip", "Oskar", "Henrik", "Aksel", "Johannes", "Mathias", "Tobias", "Sofie"];
    private static readonly string[] FamilyNames = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Dahl"];
    private static readonly string[] Sources = ["School", "ChildWelfare", "Patrol", "Parents", "Pst", "Other"];
    private static readonly string[] Outcomes = ["noFurtherConcern", "measuresCompleted", "handedOverToChildWelfare", "handedOverToHealthService", "declinedByFamily", "moved"];
    private static readonly string[] OfficerRoles = ["Officer"];
    private static readonly string[] LeadRoles = ["Lead"];
    private static readonly string[] OpenStates = ["Registered", "AwaitingOrderApproval", "ReadyToInvite", "Invited", "Held", "Mapped", "MeasuresAgreed", "FollowUp", "Paused"];

    public static string UnitCode(int unit) => $"BENCH-{unit + 1:00}";

    public static string OfficerId(int unit, int officer) => $"bench-betjent-{unit + 1:00}-{officer + 1:00}";

    public static string LeadId(int unit) => $"bench-leder-{unit + 1:00}";

    /// <summary>The case whose page the benchmark reads: the most recent case of the first unit's first officer, with 200 timeline items.</summary>
    public static async Task<Guid> BusyCaseAsync(NpgsqlConnection connection) =>
        await ScalarAsync<Guid>(connection, $"SELECT id FROM cases WHERE responsible_officer_id = '{OfficerId(0, 0)}' ORDER BY number DESC LIMIT 1");

    public async Task RunAsync()
    {
        await using var connection = await database.OpenConnectionAsync();
        var definitionId = await ScalarAsync<int>(connection, "SELECT max(id) FROM workflow.definitions WHERE name = 'bekymringssamtale'");
        await AddStaffAsync(connection);
        var random = new Random(42);
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"Seeding {cases:N0} cases", maxValue: cases);
            for (var offset = 0; offset < cases; offset += Batch)
            {
                var batch = Enumerable.Range(offset, Math.Min(Batch, cases - offset)).Select(index => SeedCase.Make(index, cases, now, random)).ToList();
                await CopyBatchAsync(connection, definitionId, batch);
                task.Increment(batch.Count);
            }
        });

        await AddTimelineAsync(connection, await BusyCaseAsync(connection));
        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task AddStaffAsync(NpgsqlConnection connection)
    {
        await using (var district = new NpgsqlCommand("INSERT INTO police_districts (code, name) VALUES ('BENCH', 'Benkdistriktet') ON CONFLICT DO NOTHING", connection))
        {
            await district.ExecuteNonQueryAsync();
        }

        await using (var units = await connection.BeginBinaryImportAsync("COPY units (code, name, district_code) FROM STDIN (FORMAT BINARY)"))
        {
            for (var unit = 0; unit < Units; unit++)
            {
                await units.WriteRowAsync(CancellationToken.None, UnitCode(unit), $"Forebyggende seksjon {unit + 1}", "BENCH");
            }

            await units.CompleteAsync();
        }

        await using var staff = await connection.BeginBinaryImportAsync(
            "COPY staff_members (id, display_name, email, roles, unit_codes, external_subject) FROM STDIN (FORMAT BINARY)");
        for (var unit = 0; unit < Units; unit++)
        {
            for (var officer = 0; officer < OfficersPerUnit; officer++)
            {
                var id = OfficerId(unit, officer);
                await staff.WriteRowAsync(CancellationToken.None, id, $"Betjent {unit + 1}-{officer + 1}", $"{id}@politiet.example", OfficerRoles, new[] { UnitCode(unit) }, $"dev:{id}");
            }

            var lead = LeadId(unit);
            await staff.WriteRowAsync(CancellationToken.None, lead, $"Leder {unit + 1}", $"{lead}@politiet.example", LeadRoles, new[] { UnitCode(unit) }, $"dev:{lead}");
        }

        await staff.CompleteAsync();
    }

    private static async Task CopyBatchAsync(NpgsqlConnection connection, int definitionId, List<SeedCase> batch)
    {
        await using (var rows = await connection.BeginBinaryImportAsync(
            "COPY cases (id, unit_code, youth_given_name, youth_family_name, youth_birth_date, youth_language, source, concern_text, registered_at, registered_by, responsible_officer_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in batch)
            {
                await rows.WriteRowAsync(CancellationToken.None, c.Id, c.Unit, c.GivenName, c.FamilyName, c.BirthDate, "nb", c.Source, "Bekymring registrert for benchmark", c.RegisteredAt, c.Officer, c.Officer);
            }

            await rows.CompleteAsync();
        }

        await using (var rows = await connection.BeginBinaryImportAsync(
            "COPY workflow.instances (id, definition_id, unit_code, state, entry, state_entered_at, data, version, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in batch)
            {
                await rows.StartRowAsync();
                await rows.WriteAsync(c.Id);
                await rows.WriteAsync(definitionId);
                await rows.WriteAsync(c.Unit);
                await rows.WriteAsync(c.State);
                await rows.WriteAsync((long)JournalRowsPerCase);
                await rows.WriteAsync(c.LastChange);
                await rows.WriteAsync(c.Data.ToJsonString(), NpgsqlDbType.Jsonb);
                await rows.WriteAsync(JournalRowsPerCase);
                await rows.WriteAsync(c.RegisteredAt);
                await rows.WriteAsync(c.LastChange);
            }

            await rows.CompleteAsync();
        }

        await using (var rows = await connection.BeginBinaryImportAsync(
            "COPY workflow.journal (instance_id, at, kind, code, from_state, to_state, actor_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in batch)
            {
                await WriteJournalAsync(rows, c.Id, c.RegisteredAt, c.LastChange, c.Officer, JournalRowsPerCase, c.State);
            }

            await rows.CompleteAsync();
        }

        await using (var rows = await connection.BeginBinaryImportAsync(
            "COPY guardians (case_id, name, email, address, language, lives_with_youth) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in batch)
            {
                await rows.WriteRowAsync(CancellationToken.None, c.Id, $"Foresatt {c.FamilyName}", "foresatt@bench.example", "Benkveien 1, 0150 Oslo", "nb", true);
            }

            await rows.CompleteAsync();
        }

        await using (var rows = await connection.BeginBinaryImportAsync(
            "COPY meetings (id, case_id, sequence, starts_at, duration_minutes, place, officer_ids, status, guardians_present, youth_attended) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in batch.Where(c => c.MeetingAt is not null))
            {
                await rows.StartRowAsync();
                await rows.WriteAsync(Guid.CreateVersion7());
                await rows.WriteAsync(c.Id);
                await rows.WriteAsync(1);
                await rows.WriteAsync(c.MeetingAt!.Value);
                await rows.WriteAsync(60);
                await rows.WriteAsync("Politihuset, møterom 2");
                await rows.WriteAsync(new[] { c.Officer });
                await rows.WriteAsync(c.MeetingStatus);
                await rows.WriteAsync(Array.Empty<int>());
                if (c.YouthAttended is { } attended)
                {
                    await rows.WriteAsync(attended);
                }
                else
                {
                    await rows.WriteNullAsync();
                }
            }

            await rows.CompleteAsync();
        }

        await using (var rows = await connection.BeginBinaryImportAsync(LetterCopy))
        {
            foreach (var c in batch)
            {
                await WriteLettersAsync(rows, c, LettersPerCase);
            }

            await rows.CompleteAsync();
        }

        await using (var rows = await connection.BeginBinaryImportAsync(
            "COPY workflow.tasks (id, instance_id, entry, name, title, candidate_role, unit_code, assignee, due_at, status, created_at, completed_at, completed_by) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in batch)
            {
                await rows.WriteRowAsync(CancellationToken.None, Guid.CreateVersion7(), c.Id, 2L, "BookConversation", "Book tid og send innkalling", "Officer", c.Unit, c.Officer,
                    c.RegisteredAt.AddDays(7), "done", c.RegisteredAt, c.RegisteredAt.AddDays(3), c.Officer);
                var open = c.OpenTask;
                await rows.StartRowAsync();
                await rows.WriteAsync(Guid.CreateVersion7());
                await rows.WriteAsync(c.Id);
                await rows.WriteAsync((long)JournalRowsPerCase);
                await rows.WriteAsync(open?.Name ?? "RecordMapping");
                await rows.WriteAsync(open?.Title ?? "Registrer kartleggingen");
                await rows.WriteAsync(open?.Role ?? "Officer");
                await rows.WriteAsync(c.Unit);
                await WriteNullableAsync(rows, open?.Role == "Lead" ? null : c.Officer);
                await rows.WriteAsync(open?.DueAt ?? c.LastChange);
                await rows.WriteAsync(open is null ? "done" : "open");
                await rows.WriteAsync(c.LastChange);
                if (open is null)
                {
                    await rows.WriteAsync(c.LastChange);
                    await rows.WriteAsync(c.Officer);
                }
                else
                {
                    await rows.WriteNullAsync();
                    await rows.WriteNullAsync();
                }
            }

            await rows.CompleteAsync();
        }
    }

    private const string LetterCopy =
        "COPY letters (id, case_id, execution_id, kind, recipient, recipient_name, recipient_email, language, subject, text_body, html_body, status, attempts, created_at, sent_at, channel) FROM STDIN (FORMAT BINARY)";

    private static async Task WriteLettersAsync(NpgsqlBinaryImporter rows, SeedCase c, int count)
    {
        for (var letter = 0; letter < count; letter++)
        {
            var (kind, recipient) = (letter % 3) switch
            {
                0 => ("Invitation", "youth"),
                1 => ("Invitation", "guardian:1"),
                _ => ("Reminder", "youth"),
            };
            var status = c.LetterTrouble && letter == 0 ? c.TroubleStatus : "Sent";
            var at = c.RegisteredAt.AddDays(3).AddMinutes(letter);
            await rows.StartRowAsync();
            await rows.WriteAsync(Guid.CreateVersion7());
            await rows.WriteAsync(c.Id);
            await rows.WriteAsync(Guid.CreateVersion7());
            await rows.WriteAsync(kind);
            await rows.WriteAsync(recipient);
            await rows.WriteAsync(recipient == "youth" ? $"{c.GivenName} {c.FamilyName}" : $"Foresatt {c.FamilyName}");
            await WriteNullableAsync(rows, status == "AwaitingPrint" ? null : "mottaker@bench.example");
            await rows.WriteAsync("nb");
            await rows.WriteAsync(kind == "Invitation" ? "Invitasjon til samtale med politiet" : "Påminnelse om samtale med politiet");
            await rows.WriteAsync("Hei. Du er invitert til en samtale med politiet.");
            await rows.WriteAsync("<p>Hei. Du er invitert til en samtale med politiet.</p>");
            await rows.WriteAsync(status);
            await rows.WriteAsync(status == "Sent" ? 1 : 5);
            await rows.WriteAsync(at);
            if (status == "Sent")
            {
                await rows.WriteAsync(at);
            }
            else
            {
                await rows.WriteNullAsync();
            }

            await rows.WriteAsync(status == "AwaitingPrint" ? "Post" : "Email");
        }
    }

    private static async Task WriteJournalAsync(NpgsqlBinaryImporter rows, Guid instance, DateTimeOffset from, DateTimeOffset to, string actor, int count, string state)
    {
        var step = (to - from) / Math.Max(count - 1, 1);
        for (var row = 0; row < count; row++)
        {
            await rows.StartRowAsync();
            await rows.WriteAsync(instance);
            await rows.WriteAsync(from + (step * row));
            if (row == 0)
            {
                await rows.WriteAsync("started");
                await rows.WriteAsync("bekymringssamtale");
                await rows.WriteNullAsync();
                await rows.WriteAsync("Registered");
            }
            else
            {
                await rows.WriteAsync(row % 2 == 0 ? "transition" : "activity");
                await rows.WriteAsync(row % 2 == 0 ? "ChooseVoluntary" : "sendLetter");
                await rows.WriteAsync("Registered");
                await rows.WriteAsync(row == count - 1 ? state : "ReadyToInvite");
            }

            await rows.WriteAsync(actor);
        }
    }

    /// <summary>190 more journal rows and 10 more letters on one case: 200 items in its timeline with the 10 of every case.</summary>
    private static async Task AddTimelineAsync(NpgsqlConnection connection, Guid caseId)
    {
        await using var read = new NpgsqlCommand("SELECT c.registered_at, i.state, c.responsible_officer_id FROM cases c JOIN workflow.instances i ON i.id = c.id WHERE c.id = $1", connection);
        read.Parameters.AddWithValue(caseId);
        DateTimeOffset registered;
        string state, officer;
        await using (var reader = await read.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (registered, state, officer) = (reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2));
        }

        await using (var rows = await connection.BeginBinaryImportAsync(
            "COPY workflow.journal (instance_id, at, kind, code, from_state, to_state, actor_id) FROM STDIN (FORMAT BINARY)"))
        {
            await WriteJournalAsync(rows, caseId, registered, registered.AddDays(20), officer, 190, state);
            await rows.CompleteAsync();
        }
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter rows, string? value)
    {
        if (value is null)
        {
            await rows.WriteNullAsync();
        }
        else
        {
            await rows.WriteAsync(value);
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private sealed record OpenTaskRow(string Name, string Title, string Role, DateTimeOffset DueAt);

    /// <summary>One generated case: everything its rows need, drawn from its index (older cases first) and a seeded random.</summary>
    private sealed record SeedCase(
        Guid Id, string Unit, string Officer, string GivenName, string FamilyName, DateOnly BirthDate, string Source,
        DateTimeOffset RegisteredAt, DateTimeOffset LastChange, string State, JsonObject Data,
        DateTimeOffset? MeetingAt, string MeetingStatus, bool? YouthAttended, OpenTaskRow? OpenTask, bool LetterTrouble, string TroubleStatus)
    {
        private static readonly TimeSpan History = TimeSpan.FromDays(3 * 365);
        private static readonly TimeSpan OpenWindow = TimeSpan.FromDays(60);

        public static SeedCase Make(int index, int total, DateTimeOffset now, Random random)
        {
            var unit = index % Units;
            var officer = (index / Units) % OfficersPerUnit;
            var registered = now - (History * ((double)(total - index) / total));
            var open = now - registered < OpenWindow;
            var state = open ? OpenStates[random.Next(OpenStates.Length)] : random.Next(20) == 0 ? "Cancelled" : "Closed";
            var track = random.Next(8) == 0 ? "attendanceOrder" : "voluntary";
            var data = new JsonObject { ["track"] = track };
            if (state == "Closed")
            {
                data["outcome"] = Outcomes[random.Next(Outcomes.Length)];
            }

            var officerId = OfficerId(unit, officer);
            DateTimeOffset? meetingAt = null;
            var meetingStatus = "Held";
            bool? attended = null;
            if (state == "Invited")
            {
                // Booked within the coming four weeks, on a weekday hour between 08 and 15 (UTC+1).
                var day = now.Date.AddDays(random.Next(28));
                while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    day = day.AddDays(1);
                }

                meetingAt = new DateTimeOffset(day.AddHours(7 + random.Next(8)), TimeSpan.Zero);
                meetingStatus = "Booked";
            }
            else if (state is "Closed" or "Held" or "Mapped" or "MeasuresAgreed" or "FollowUp")
            {
                meetingAt = registered.AddDays(7 + random.Next(21));
                attended = random.Next(10) != 0;
                meetingStatus = attended == true ? "Held" : "Missed";
            }

            var lastChange = open ? registered.AddDays(random.Next(1, 10)) : registered.AddDays(30 + random.Next(60));
            if (lastChange > now)
            {
                lastChange = now;
            }

            OpenTaskRow? task = state switch
            {
                "Registered" => new("ChooseTrack", "Velg spor", "Officer", registered.AddDays(3)),
                "AwaitingOrderApproval" => new("ApproveAttendanceOrder", "Godkjenn eller avslå pålegg om oppmøte", "Lead", registered.AddDays(2)),
                "ReadyToInvite" => new("BookConversation", "Book tid og send innkalling", "Officer", registered.AddDays(7)),
                "Held" => new("RecordMapping", "Registrer kartleggingen", "Officer", lastChange.AddDays(5)),
                "FollowUp" => new("FollowUpAfterFourWeeks", "Følg opp etter fire uker", "Officer", lastChange.AddDays(28)),
                _ => null,
            };
            var trouble = random.Next(200) == 0;
            return new SeedCase(
                Guid.CreateVersion7(registered), UnitCode(unit), officerId,
                GivenNames[random.Next(GivenNames.Length)], $"{FamilyNames[random.Next(FamilyNames.Length)]}{(random.Next(4) == 0 ? "-" + FamilyNames[random.Next(FamilyNames.Length)] : "")}",
                DateOnly.FromDateTime(registered.UtcDateTime).AddYears(-13).AddDays(-random.Next(1500)), Sources[random.Next(Sources.Length)],
                registered, lastChange, state, data, meetingAt, meetingStatus, attended, task,
                trouble, random.Next(3) switch { 0 => "Failed", 1 => "Rejected", _ => "AwaitingPrint" });
        }
    }

    internal static string Format(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
