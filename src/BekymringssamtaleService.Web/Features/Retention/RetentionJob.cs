using BekymringssamtaleService.Domain.Retention;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Workflows.Definitions;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BekymringssamtaleService.Web.Features.Retention;

/// <summary>
/// The nightly retention (Hangfire, 02:30 Norwegian time, on any host; it carries no data): blocks the cases that
/// ended longer ago than their period, and deletes the personal data and free text of those blocked longer than
/// <see cref="RetentionSettings.DeleteAfterBlocked"/>. Each case is blocked once and emptied once, whatever runs
/// twice or side by side; every run is recorded with its counts in the same transaction as its work.
/// </summary>
public sealed partial class RetentionJob(NpgsqlDataSource database, IOptions<RetentionSettings> settings, WorkflowCatalog catalog, TimeProvider time, ILogger<RetentionJob> logger)
{
    public const string Id = "case-retention";

    public static void Schedule(IRecurringJobManager recurringJobs) =>
        recurringJobs.AddOrUpdate<RetentionJob>(Id, job => job.RunAsync(CancellationToken.None), "30 2 * * *", new RecurringJobOptions { TimeZone = OsloTime.Zone });

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Its own connection and transaction, as a step's: the host context's retrying strategy runs no transaction it did not start.
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var db = await TransitionDbContext.OpenAsync(connection, transaction, cancellationToken);
        var blocked = await BlockAsync(db, now, cancellationToken);
        var emptied = await db.Database
            .SqlQuery<Guid>($"""
                UPDATE cases SET personal_data_deleted_at = {now}
                WHERE blocked_at <= {now - settings.Value.DeleteAfterBlocked} AND personal_data_deleted_at IS NULL
                RETURNING id AS "Value"
                """)
            .ToListAsync(cancellationToken);
        await PersonalData.DeleteAsync(db, [.. emptied], FreeTextInputs(), cancellationToken);
        var run = new RetentionRun { StartedAt = now, FinishedAt = time.GetUtcNow(), CasesBlocked = blocked, CasesDeleted = emptied.Count };
        db.RetentionRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRun(logger, run.Id, run.CasesBlocked, run.CasesDeleted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention run {RunId}: {CasesBlocked} cases blocked, {CasesDeleted} cases emptied of personal data")]
    private static partial void LogRun(ILogger logger, long runId, int casesBlocked, int casesDeleted);

    /// <summary>Cases closed (by their outcome's period) or cancelled longer ago than their period; a closed case with no known outcome gets the longest.</summary>
    private Task<int> BlockAsync(ServiceDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var periods = settings.Value.Periods;
        var endings = periods.Keys.ToArray();
        var spans = endings.Select(ending => periods[ending]).ToArray();
        return db.Database.ExecuteSqlAsync($"""
            UPDATE cases AS c SET blocked_at = {now}
            FROM workflow.instances AS i
            LEFT JOIN unnest({endings}::text[], {spans}::interval[]) AS p (ending, period)
                ON p.ending = CASE WHEN i.state = {CaseWorkflow.Cancelled} THEN {RetentionSettings.Cancelled} ELSE i.data ->> 'outcome' END
            WHERE i.id = c.id AND c.blocked_at IS NULL AND i.state IN ({CaseWorkflow.Closed}, {CaseWorkflow.Cancelled})
                AND i.state_entered_at + coalesce(p.period, {settings.Value.LongestPeriod}) <= {now}
            """, cancellationToken);
    }

    /// <summary>The workflow data's keys that hold free text: every trigger input of type text (reasons, places, the offence reference).</summary>
    private string[] FreeTextInputs() =>
    [
        .. catalog.Get(CaseWorkflow.Name).Triggers
            .SelectMany(trigger => trigger.Input)
            .Where(input => input.Value.Type == InputType.Text)
            .Select(input => input.Key)
            .Distinct(StringComparer.Ordinal),
    ];
}
