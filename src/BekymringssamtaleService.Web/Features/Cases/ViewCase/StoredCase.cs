using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Consents;
using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Coordination;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BekymringssamtaleService.Web.Features.Cases.ViewCase;

/// <summary>
/// One case as stored, with every part its readers are shown, read in ONE statement: a case page at a million cases
/// is a handful of statements, not one per part. PostgreSQL builds the whole as one JSON document (each part a
/// sub-select over its own index), which is read into the same entity classes EF Core reads the rows into: a row made
/// JSON (<c>to_jsonb</c>, <c>json_agg</c>) has its columns as fields, snake_case as EF Core names them.
/// </summary>
/// <param name="Meeting">The booked conversation, or else the latest one.</param>
/// <param name="Mappings">Newest first.</param>
/// <param name="Measures">In the order they were agreed.</param>
/// <param name="ConsentRecords">In the order they were recorded.</param>
/// <param name="Tasks">Every task of the case: open ones first, earliest due first; then the rest, latest first.</param>
/// <param name="Journal">The workflow's journal without its activities (those are told by what they made), oldest first.</param>
/// <param name="Entries">What the steps recorded, at the journal's moments.</param>
/// <param name="Letters">As sent, oldest first.</param>
/// <param name="Restricted">Null unless the coordination compartment holds something about the case.</param>
/// <param name="StaffNames">The display name of everyone the parts name by staff id.</param>
public sealed record StoredCase(
    ConcernCase Case,
    StoredInstance Instance,
    string? UnitName,
    Meeting? Meeting,
    IReadOnlyList<Mapping> Mappings,
    IReadOnlyList<StoredMeasure> Measures,
    IReadOnlyList<ConsentRecord> ConsentRecords,
    IReadOnlyList<WorkflowTaskRow> Tasks,
    IReadOnlyList<WorkflowJournalRow> Journal,
    IReadOnlyList<CaseEntry> Entries,
    IReadOnlyList<Letter> Letters,
    RestrictedMark? Restricted,
    IReadOnlyDictionary<string, string> StaffNames)
{
    // The coordination compartment is read only by its own code: its query is Features/Coordination's, placed here.
    private static readonly string Query = $$"""
        WITH journal AS (
            SELECT * FROM workflow.journal WHERE instance_id = @case AND kind <> 'activity'
        ), entries AS (
            SELECT * FROM case_entries WHERE case_id = @case AND recorded_at IN (SELECT at FROM journal)
        ), meeting AS (
            SELECT * FROM meetings WHERE case_id = @case ORDER BY status = 'Booked' DESC, id DESC LIMIT 1
        ), tasks AS (
            SELECT * FROM workflow.tasks WHERE instance_id = @case
        ), restricted AS (
            {{RestrictedNotice.Query("@case")}}
        )
        SELECT json_build_object(
            'case', (
                SELECT to_jsonb(c) || jsonb_build_object(
                    'youth', jsonb_build_object(
                        'given_name', c.youth_given_name, 'family_name', c.youth_family_name, 'birth_date', c.youth_birth_date,
                        'national_id_number', c.youth_national_id_number, 'email', c.youth_email, 'address', c.youth_address,
                        'phone', c.youth_phone, 'language', c.youth_language),
                    'guardians', (SELECT coalesce(jsonb_agg(g ORDER BY g.id), '[]') FROM guardians g WHERE g.case_id = c.id))
                FROM cases c WHERE c.id = @case),
            'instance', (SELECT json_build_object('definition_id', i.definition_id, 'state', i.state, 'data', i.data, 'version', i.version)
                FROM workflow.instances i WHERE i.id = @case),
            'unit_name', (SELECT u.name FROM cases c JOIN units u ON u.code = c.unit_code WHERE c.id = @case),
            'meeting', (SELECT to_jsonb(m) || jsonb_build_object('extra_participants', coalesce(m.extra_participants, '[]')) FROM meeting m),
            'mappings', (SELECT coalesce(json_agg(to_jsonb(m) || jsonb_build_object('factors', coalesce(m.factors, '[]')) ORDER BY m.version DESC), '[]')
                FROM mappings m WHERE m.case_id = @case),
            'measures', (SELECT coalesce(json_agg(json_build_object('agreed', a, 'name', m.name_nb, 'consent_sharing', m.consent_sharing) ORDER BY a.agreed_at, m.name_nb), '[]')
                FROM agreed_measures a JOIN measures m ON m.code = a.measure_code WHERE a.case_id = @case),
            'consent_records', (SELECT coalesce(json_agg(r ORDER BY r.recorded_at), '[]') FROM consent_records r WHERE r.case_id = @case),
            'tasks', (SELECT coalesce(json_agg(t ORDER BY t.status <> 'open', CASE WHEN t.status = 'open' THEN t.due_at END, coalesce(t.completed_at, t.cancelled_at, t.created_at) DESC), '[]')
                FROM tasks t),
            'journal', (SELECT coalesce(json_agg(j ORDER BY j.id), '[]') FROM journal j),
            'entries', (SELECT coalesce(json_agg(e ORDER BY e.id), '[]') FROM entries e),
            'letters', (SELECT coalesce(json_agg(l ORDER BY l.created_at, l.recipient), '[]') FROM letters l WHERE l.case_id = @case),
            'restricted', (SELECT json_build_object('ask', r.ask) FROM restricted r),
            'staff_names', (SELECT coalesce(json_object_agg(s.id, s.display_name), json_build_object()) FROM staff_members s WHERE s.id IN (
                SELECT responsible_officer_id FROM cases WHERE id = @case
                UNION SELECT unnest(officer_ids) FROM meeting
                UNION SELECT signed_by FROM mappings WHERE case_id = @case
                UNION SELECT unnest(ARRAY[recorded_by, withdrawn_by]) FROM consent_records WHERE case_id = @case
                UNION SELECT actor_id FROM journal
                UNION SELECT recorded_by FROM entries
                UNION SELECT posted_by FROM letters WHERE case_id = @case
                UNION SELECT unnest(ARRAY[assignee, completed_by, cancelled_by]) FROM tasks
                UNION SELECT ask FROM restricted))
        ) AS "Value"
        """;

    private static readonly JsonSerializerOptions Rows = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // The JSON columns EF Core writes (a mapping's factors, a meeting's extra participants) name fields as the classes do.
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter(), new UtcInstants() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SetsWhatEntitiesKeepToThemselves } },
    };

    /// <summary>A case the gate has found (<see cref="Access.CaseAtHand"/>); the caller has written the read to the access log.</summary>
    public static async Task<StoredCase> ReadAsync(ServiceDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        var document = await db.Database.SqlQueryRaw<string>(Query, new NpgsqlParameter("case", caseId)).ToListAsync(cancellationToken);
        return JsonSerializer.Deserialize<StoredCase>(document.Single(), Rows)!;
    }

    /// <summary>
    /// Times as they were stored, in UTC, whatever the session's time zone: PostgreSQL writes them to JSON in it, and a
    /// page shows the instant with its offset (&lt;time datetime&gt;).
    /// </summary>
    private sealed class UtcInstants : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset().ToUniversalTime();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    // EF Core sets what an entity only lets its own methods change (a consent's withdrawal); so does reading the rows here.
    private static void SetsWhatEntitiesKeepToThemselves(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.Set is null && property.AttributeProvider is PropertyInfo { SetMethod: { } setter })
            {
                property.Set = (entity, value) => setter.Invoke(entity, [value]);
            }
        }
    }
}

/// <summary>The case's workflow instance: the published version it runs on, where it stands, its data, its version for optimistic concurrency.</summary>
public sealed record StoredInstance(int DefinitionId, string State, JsonObject Data, int Version);

/// <summary>An agreed measure with its name and the sharing it rests on, from the catalog.</summary>
public sealed record StoredMeasure(AgreedMeasure Agreed, string Name, ConsentSharing? ConsentSharing);
