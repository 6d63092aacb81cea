namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// The engine's tables in the schema "workflow". The host applies this from an EF Core migration; the engine's own
/// tests apply it to a fresh database. Rows hold ids, codes and times; the instance data holds workflow variables only.
/// </summary>
public static class WorkflowSchema
{
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
}
