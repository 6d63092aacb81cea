using System.Net;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests.Coordination;

/// <summary>The compartment's routes as a Liaison calls them, and what the access log kept of it.</summary>
internal static class CoordinationApi
{
    public const string Liaison = "forebyggingskontakt-oslo";
    public const string LiaisonName = "Amir Rahimi";

    public static string Compartment(Guid caseId, string? purpose = null) =>
        purpose is null ? $"/api/v1/cases/{caseId}/coordination" : $"/api/v1/cases/{caseId}/coordination?purpose={Uri.EscapeDataString(purpose)}";

    /// <summary>Flags the case (no decision before it); fails the test unless the API answers 200.</summary>
    public static async Task FlagAsync(this CaseApi api, Guid caseId)
    {
        using var response = await api.PostAsync($"/api/v1/cases/{caseId}/flag", new { decision = "flagged" });
        await CaseApi.ReadAsync<DecisionAnswer>(response, HttpStatusCode.OK);
    }

    public static async Task AddEntryAsync(this CaseApi api, Guid caseId, string summary, string kind = "pstContact", string? pstReference = null)
    {
        using var response = await api.PostAsync($"/api/v1/cases/{caseId}/coordination", Entry(summary, kind, pstReference));
        await CaseApi.ReadAsync<EntryAnswer>(response, HttpStatusCode.Created);
    }

    public static object Entry(string summary, string kind = "pstContact", string? pstReference = null) => new
    {
        kind,
        occurredOn = Domain.Time.OsloTime.Today(TimeProvider.System.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        pstReference,
        summary,
        classification = "inConfidence",
    };

    public static async Task<CompartmentAnswer> ReadAsync(this CaseApi api, Guid caseId, string purpose)
    {
        using var response = await api.GetResponseAsync(Compartment(caseId, purpose));
        return await CaseApi.ReadAsync<CompartmentAnswer>(response, HttpStatusCode.OK);
    }

    /// <summary>The access log's rows for the case, oldest first: who, what, why and the purpose as stated.</summary>
    public static async Task<List<(string StaffId, string Action, string Purpose, string? Stated)>> AccessLogAsync(ServiceHost host, Guid caseId)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT staff_id, action, purpose, stated_purpose FROM access_log WHERE case_id = @case ORDER BY id", connection);
        command.Parameters.AddWithValue("case", caseId);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<(string, string, string, string?)>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return rows;
    }
}

internal sealed record DecisionAnswer(string Outcome, string? LiaisonId, string? Liaison, string DecidedBy, int Version);

internal sealed record EntryAnswer(Guid Id, string Kind, string Summary, string Classification, string RecordedBy);

internal sealed record CoordinationTaskAnswer(Guid Id, string Title, DateOnly DueOn, DateTimeOffset? DoneAt, string? DoneBy);

internal sealed record CompartmentAnswer(
    Guid CaseId, string CaseNumber, string Source, DecisionAnswer? Decision, bool AwaitingDecision, IReadOnlyList<EntryAnswer> Entries, IReadOnlyList<CoordinationTaskAnswer> Tasks);
