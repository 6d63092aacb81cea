using Npgsql;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// The engine's tables in the schema "workflow", applied by the engine itself (<see cref="ApplyAsync"/>), script by
/// script, each once, recorded in workflow.schema_history. Rows hold ids, codes and times; the instance data holds
/// workflow variables only.
/// </summary>
public static class WorkflowSchema
{
    /// <summary>The scripts in the order they are applied. A script once released is never changed: add the next one.</summary>
    private static readonly (string Name, string Sql)[] Scripts =
    [
        (nameof(Version1), Version1),
        (nameof(JournalAppendOnly), JournalAppendOnly),
        (nameof(Version2TaskEscalation), Version2TaskEscalation),
        (nameof(TimersWithoutJobs), TimersWithoutJobs),
        (nameof(Version3ActivityRetries), Version3ActivityRetries),
        (nameof(Version4TasksAreWork), Version4TasksAreWork),
    ];

    /// <summary>
    /// Until the engine applied its own schema, the host's EF Core migrations applied the first four scripts; a
    /// database they prepared is recognised by its tables and those scripts are recorded as applied.
    /// </summary>
    private const int AppliedByTheHostsMigrations = 4;

    /// <summary>
    /// Brings the workflow schema up to date: applies, in one transaction and under an advisory lock (hosts starting
    /// together apply it once), every script not yet recorded as applied.
    /// </summary>
    public static async Task ApplyAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext('workflow.schema_history'))", cancellationToken);
        await ExecuteAsync(
            connection,
            transaction,
            $"""
            CREATE SCHEMA IF NOT EXISTS workflow;
            DO $$
            BEGIN
                IF to_regclass('workflow.schema_history') IS NULL THEN
                    CREATE TABLE workflow.schema_history (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
                    IF to_regclass('workflow.definitions') IS NOT NULL THEN
                        INSERT INTO workflow.schema_history (name) VALUES {string.Join(", ", Scripts.Take(AppliedByTheHostsMigrations).Select(script => $"('{script.Name}')"))};
                    END IF;
                END IF;
            END $$;
            """,
            cancellationToken);

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var history = new NpgsqlCommand("SELECT name FROM workflow.schema_history", connection, transaction))
        await using (var reader = await history.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        foreach (var (name, sql) in Scripts.Where(script => !applied.Contains(script.Name)))
        {
            await ExecuteAsync(connection, transaction, sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO workflow.schema_history (name) VALUES (@name)", connection, transaction);
            record.Parameters.AddWithValue("name", name);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The scripts <see cref="ApplyAsync"/> would apply, for a host that may read the schema but not change it.</summary>
    public static async Task<IReadOnlyList<string>> PendingScriptsAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var exists = database.CreateCommand("SELECT to_regclass('workflow.schema_history') IS NOT NULL"))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return [.. Scripts.Select(script => script.Name)];
            }
        }

        await using var history = database.CreateCommand("SELECT name FROM workflow.schema_history");
        await using var reader = await history.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetString(0));
        }

        return [.. Scripts.Select(script => script.Name).Where(name => !applied.Contains(name))];
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public const string Version1 = """
        CREATE SCHEMA IF NOT EXISTS workflow;

        CREATE TABLE workflow.definitions (
            id            serial PRIMARY KEY,
            name          text NOT NULL,
            version       integer NOT NULL,
            content_hash  text NOT NULL,
            content       text NOT NULL,
            published_at  timestamptz NOT NULL,
            UNIQUE (name, version),
            UNIQUE (name, content_hash)
        );

        CREATE TABLE workflow.instances (
            id                uuid PRIMARY KEY,
            definition_id     integer NOT NULL REFERENCES workflow.definitions (id),
            unit_code         text NOT NULL,
            state             text NOT NULL,
            previous_state    text,
            entry             bigint NOT NULL,
            state_entered_at  timestamptz NOT NULL,
            data              jsonb NOT NULL,
            version           integer NOT NULL,
            has_incident      boolean NOT NULL DEFAULT false,
            created_at        timestamptz NOT NULL,
            updated_at        timestamptz NOT NULL
        );

        CREATE TABLE workflow.journal (
            id           bigserial PRIMARY KEY,
            instance_id  uuid NOT NULL REFERENCES workflow.instances (id),
            at           timestamptz NOT NULL,
            kind         text NOT NULL,
            code         text NOT NULL,
            from_state   text,
            to_state     text,
            actor_id     text
        );
        CREATE INDEX journal_instance ON workflow.journal (instance_id, id);

        CREATE TABLE workflow.timers (
            id           uuid PRIMARY KEY,
            instance_id  uuid NOT NULL REFERENCES workflow.instances (id),
            entry        bigint NOT NULL,
            name         text NOT NULL,
            due_at       timestamptz NOT NULL,
            status       text NOT NULL,
            job_id       text,
            fired_at     timestamptz
        );
        CREATE INDEX timers_pending_due ON workflow.timers (due_at) WHERE status = 'pending';
        CREATE INDEX timers_instance_entry ON workflow.timers (instance_id, entry) WHERE status = 'pending';

        CREATE TABLE workflow.tasks (
            id                 uuid PRIMARY KEY,
            instance_id        uuid NOT NULL REFERENCES workflow.instances (id),
            entry              bigint NOT NULL,
            name               text NOT NULL,
            title              text NOT NULL,
            candidate_role     text NOT NULL,
            unit_code          text NOT NULL,
            assignee           text,
            due_at             timestamptz NOT NULL,
            completes_trigger  text,
            status             text NOT NULL,
            created_at         timestamptz NOT NULL,
            completed_at       timestamptz,
            completed_by       text
        );
        CREATE INDEX tasks_open_by_unit ON workflow.tasks (unit_code, candidate_role, due_at) WHERE status = 'open';
        CREATE INDEX tasks_instance_entry ON workflow.tasks (instance_id, entry) WHERE status = 'open';

        CREATE TABLE workflow.activity_executions (
            id               uuid PRIMARY KEY,
            instance_id      uuid NOT NULL REFERENCES workflow.instances (id),
            activity         text NOT NULL,
            input            jsonb NOT NULL,
            status           text NOT NULL,
            attempts         integer NOT NULL DEFAULT 0,
            error_code       text,
            created_at       timestamptz NOT NULL,
            finished_at      timestamptz
        );
        CREATE INDEX activity_executions_unfinished ON workflow.activity_executions (created_at) WHERE status IN ('pending', 'failed');
        """;

    /// <summary>Timers are fired by every job host's due-timer pump from their rows alone: no job system id is kept.</summary>
    public const string TimersWithoutJobs = """
        ALTER TABLE workflow.timers DROP COLUMN job_id;
        """;

    /// <summary>The journal is append-only in the database itself: no role can change or remove a row.</summary>
    public const string JournalAppendOnly = """
        CREATE FUNCTION workflow.refuse_journal_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'workflow.journal is append-only';
        END;
        $$;

        CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON workflow.journal
            FOR EACH STATEMENT EXECUTE FUNCTION workflow.refuse_journal_change();
        """;

    /// <summary>
    /// When an open user task is escalated, and to which role of its unit (both null: never); when it was. The partial
    /// index holds only open tasks not yet escalated, so the minutely escalation reads no other rows.
    /// </summary>
    public const string Version2TaskEscalation = """
        ALTER TABLE workflow.tasks
            ADD COLUMN escalate_at   timestamptz,
            ADD COLUMN escalate_to   text,
            ADD COLUMN escalated_at  timestamptz;
        CREATE INDEX tasks_escalation_due ON workflow.tasks (escalate_at) WHERE status = 'open' AND escalated_at IS NULL;
        """;

    /// <summary>
    /// Activities run inside the transaction that started them; one that failed waits for its next attempt, which a
    /// due-work pump claims through the partial index. Executions the job system was still to run are due at once.
    /// </summary>
    public const string Version3ActivityRetries = """
        ALTER TABLE workflow.activity_executions ADD COLUMN next_attempt_at timestamptz;
        UPDATE workflow.activity_executions SET next_attempt_at = created_at WHERE status = 'pending';
        DROP INDEX workflow.activity_executions_unfinished;
        CREATE INDEX activity_executions_retry_due ON workflow.activity_executions (next_attempt_at) WHERE status = 'pending';
        CREATE INDEX activity_executions_failed ON workflow.activity_executions (created_at) WHERE status = 'failed';
        """;

    /// <summary>
    /// A task is work a person claims, gives to someone, completes (with a note, and a date where its label asks for
    /// one) or cancels (the note is then the reason). The triggers that answer it complete it; a task an activity made
    /// outlives the state it was made in. Tasks open before this script keep the old rule: their state drops them.
    /// </summary>
    public const string Version4TasksAreWork = """
        ALTER TABLE workflow.tasks
            ADD COLUMN answered_by     text[] NOT NULL DEFAULT '{}',
            ADD COLUMN outlives_state  boolean NOT NULL DEFAULT false,
            ADD COLUMN date_label      text,
            ADD COLUMN done_on         date,
            ADD COLUMN note            text,
            ADD COLUMN cancelled_at    timestamptz,
            ADD COLUMN cancelled_by    text;
        CREATE INDEX tasks_open_by_unit_due ON workflow.tasks (unit_code, due_at, id) WHERE status = 'open';
        CREATE INDEX tasks_instance ON workflow.tasks (instance_id);
        """;
}
