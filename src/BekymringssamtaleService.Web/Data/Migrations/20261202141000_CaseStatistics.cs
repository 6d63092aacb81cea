using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BekymringssamtaleService.Web.Data.Migrations;

/// <summary>
/// One narrow row per case with what Statistikk counts of it (unit, Oslo month of registration, source, track, outcome
/// class, days from registration to the first conversation held, conversations held and missed), so a year of a unit is
/// read from one covering index instead of joining its cases to their workflow instances (whose jsonb data is read) and
/// to every meeting. The rows are kept by triggers in the same transaction as the change that moves them, whichever code
/// makes it (a step, the engine's timers, retention, a seed's COPY), so the figures are as exact and as current as the
/// join they replace; <c>case_statistics_recounted</c> is that join, and every trigger recounts a case from it.
/// Inserts recount per statement from the transition table (a COPY of 10,000 cases is one recount); updates recount
/// per row, and only when a counted fact changes: the WHEN clauses leave out the workflow's other transitions, a
/// rescheduled booking and the retention's removal of free text. A recount first locks the cases' rows, so its reading
/// sees what a concurrent recount of the same case committed. The triggers come before the rows are first counted:
/// creating a trigger locks its table against writes until the migration commits, so the first count sees every change
/// made before and every later change goes through a trigger. Raw SQL: triggers and a view are beyond the model.
/// </summary>
[DbContext(typeof(ServiceDbContext))]
[Migration("20261202141000_CaseStatistics")]
public sealed class CaseStatistics : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE case_statistics (
                case_id              uuid PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
                unit_code            varchar(40) NOT NULL,
                registered_month     date NOT NULL,
                source               varchar(40) NOT NULL,
                track                text NOT NULL,
                outcome              text NOT NULL,
                days_to_conversation double precision,
                held                 integer NOT NULL,
                missed               integer NOT NULL
            );

            CREATE VIEW case_statistics_recounted AS
            SELECT c.id AS case_id,
                   c.unit_code,
                   date_trunc('month', c.registered_at AT TIME ZONE 'Europe/Oslo')::date AS registered_month,
                   c.source,
                   coalesce(i.data ->> 'track', '') AS track,
                   CASE i.state WHEN 'Closed' THEN coalesce(i.data ->> 'outcome', '') WHEN 'Cancelled' THEN 'cancelled' ELSE 'open' END AS outcome,
                   extract(epoch FROM m.first_held - c.registered_at) / 86400 AS days_to_conversation,
                   m.held::integer AS held,
                   m.missed::integer AS missed
            FROM cases c
            JOIN workflow.instances i ON i.id = c.id
            CROSS JOIN LATERAL (
                SELECT min(starts_at) FILTER (WHERE status = 'Held') AS first_held,
                       count(*) FILTER (WHERE status = 'Held') AS held,
                       count(*) FILTER (WHERE status = 'Missed') AS missed
                FROM meetings
                WHERE case_id = c.id
            ) m;

            -- A generic plan: a custom one would plan the view's joins anew on every call (most of a recount's cost).
            CREATE FUNCTION recount_case_statistics(case_ids uuid[]) RETURNS void
            LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
            BEGIN
                IF cardinality(case_ids) = 0 THEN
                    RETURN;
                END IF;
                PERFORM FROM case_statistics WHERE case_id = ANY (case_ids) ORDER BY case_id FOR UPDATE;
                INSERT INTO case_statistics
                SELECT * FROM case_statistics_recounted WHERE case_id = ANY (case_ids)
                ON CONFLICT (case_id) DO UPDATE SET
                    unit_code = excluded.unit_code, registered_month = excluded.registered_month, source = excluded.source,
                    track = excluded.track, outcome = excluded.outcome, days_to_conversation = excluded.days_to_conversation,
                    held = excluded.held, missed = excluded.missed;
            END $$;

            CREATE FUNCTION recount_case_statistics_of_added() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM recount_case_statistics(ARRAY(SELECT id FROM added));
                RETURN NULL;
            END $$;

            CREATE FUNCTION recount_case_statistics_of_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM recount_case_statistics(ARRAY[NEW.id]);
                RETURN NULL;
            END $$;

            CREATE FUNCTION recount_case_statistics_of_added_meetings() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM recount_case_statistics(ARRAY(SELECT DISTINCT case_id FROM added WHERE status IN ('Held', 'Missed')));
                RETURN NULL;
            END $$;

            CREATE FUNCTION recount_case_statistics_of_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM recount_case_statistics(CASE TG_OP WHEN 'DELETE' THEN ARRAY[OLD.case_id] ELSE ARRAY[OLD.case_id, NEW.case_id] END);
                RETURN NULL;
            END $$;

            CREATE TRIGGER case_statistics_of_added_cases AFTER INSERT ON cases
                REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION recount_case_statistics_of_added();
            CREATE TRIGGER case_statistics_of_changed_cases AFTER UPDATE OF unit_code, registered_at, source ON cases
                FOR EACH ROW WHEN (OLD.unit_code IS DISTINCT FROM NEW.unit_code OR OLD.registered_at IS DISTINCT FROM NEW.registered_at
                                   OR OLD.source IS DISTINCT FROM NEW.source)
                EXECUTE FUNCTION recount_case_statistics_of_changed();
            CREATE TRIGGER case_statistics_of_added_instances AFTER INSERT ON workflow.instances
                REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION recount_case_statistics_of_added();
            CREATE TRIGGER case_statistics_of_changed_instances AFTER UPDATE OF state, data ON workflow.instances
                FOR EACH ROW WHEN ((OLD.state IS DISTINCT FROM NEW.state AND (OLD.state IN ('Closed', 'Cancelled') OR NEW.state IN ('Closed', 'Cancelled')))
                                   OR (OLD.data ->> 'track') IS DISTINCT FROM (NEW.data ->> 'track')
                                   OR (OLD.data ->> 'outcome') IS DISTINCT FROM (NEW.data ->> 'outcome'))
                EXECUTE FUNCTION recount_case_statistics_of_changed();
            CREATE TRIGGER case_statistics_of_added_meetings AFTER INSERT ON meetings
                REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION recount_case_statistics_of_added_meetings();
            CREATE TRIGGER case_statistics_of_changed_meetings AFTER UPDATE OF case_id, starts_at, status ON meetings
                FOR EACH ROW WHEN ((OLD.status IN ('Held', 'Missed') OR NEW.status IN ('Held', 'Missed'))
                                   AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.starts_at IS DISTINCT FROM NEW.starts_at
                                        OR OLD.case_id IS DISTINCT FROM NEW.case_id))
                EXECUTE FUNCTION recount_case_statistics_of_meeting();
            CREATE TRIGGER case_statistics_of_removed_meetings AFTER DELETE ON meetings
                FOR EACH ROW WHEN (OLD.status IN ('Held', 'Missed')) EXECUTE FUNCTION recount_case_statistics_of_meeting();

            INSERT INTO case_statistics SELECT * FROM case_statistics_recounted;
            CREATE INDEX ix_case_statistics_unit_code_registered_month ON case_statistics (unit_code, registered_month)
                INCLUDE (source, track, outcome, days_to_conversation, held, missed);
            ANALYZE case_statistics;
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TRIGGER case_statistics_of_removed_meetings ON meetings;
            DROP TRIGGER case_statistics_of_changed_meetings ON meetings;
            DROP TRIGGER case_statistics_of_added_meetings ON meetings;
            DROP TRIGGER case_statistics_of_changed_instances ON workflow.instances;
            DROP TRIGGER case_statistics_of_added_instances ON workflow.instances;
            DROP TRIGGER case_statistics_of_changed_cases ON cases;
            DROP TRIGGER case_statistics_of_added_cases ON cases;
            DROP FUNCTION recount_case_statistics_of_meeting();
            DROP FUNCTION recount_case_statistics_of_added_meetings();
            DROP FUNCTION recount_case_statistics_of_changed();
            DROP FUNCTION recount_case_statistics_of_added();
            DROP FUNCTION recount_case_statistics(uuid[]);
            DROP VIEW case_statistics_recounted;
            DROP TABLE case_statistics;
            """);
    }
}
