using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Workflows.Runtime;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Start;

/// <summary>A letter that did not get through: the case number says where to look; no names or addresses.</summary>
public sealed record FailingLetter(string CaseNumber, string UnitName, LetterKind Kind, LetterStatus Status, int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset CreatedAt);

/// <summary>A recurring job as Hangfire last saw it; <see cref="LastResult"/> is Hangfire's state name (Succeeded, Failed …) or null before its first run.</summary>
public sealed record JobHealth(string Id, DateTimeOffset? LastRun, string? LastResult, DateTimeOffset? NextRun, string? Error);

public sealed record AdminOverview(IReadOnlyList<Incident> Incidents, IReadOnlyList<FailingLetter> Letters, IReadOnlyList<JobHealth>? Jobs);

/// <summary>
/// The Admin's part of the start page: open incidents, letters failing across the service, and the recurring jobs'
/// health. Shows case numbers and codes only, as the incidents page does.
/// </summary>
public sealed partial class AdminDay(ServiceDbContext db, ActivityExecutions executions, JobStorage jobStorage, ILogger<AdminDay> logger)
{
    public const int Limit = 50;

    public async Task<AdminOverview> ReadAsync(CancellationToken cancellationToken)
    {
        var incidents = await executions.IncidentsAsync(cancellationToken);
        var letters = await (
                from letter in db.Letters.AsNoTracking()
                join concernCase in db.Cases on letter.CaseId equals concernCase.Id
                join unit in db.Units on concernCase.UnitCode equals unit.Code
                where letter.Status == LetterStatus.Failed || letter.Status == LetterStatus.Rejected
                    || (letter.Status == LetterStatus.Pending && letter.Attempts > 0)
                orderby letter.CreatedAt
                select new FailingLetter(CaseNumbers.Format(concernCase.Number), unit.Name, letter.Kind, letter.Status, letter.Attempts, letter.NextAttemptAt, letter.CreatedAt))
            .Take(Limit)
            .ToListAsync(cancellationToken);
        return new AdminOverview(incidents, letters, await JobsAsync(cancellationToken));
    }

    /// <summary>
    /// One call to Hangfire's storage for every recurring job with its last and next run; null when the job storage
    /// does not answer (the rest of the page still shows).
    /// </summary>
    private async Task<IReadOnlyList<JobHealth>?> JobsAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Hangfire's storage API is synchronous.
            return await Task.Run(
                () =>
                {
                    using var connection = jobStorage.GetConnection();
                    return connection.GetRecurringJobs()
                        .OrderBy(job => job.Id, StringComparer.Ordinal)
                        .Select(job => new JobHealth(
                            job.Id,
                            Utc(job.LastExecution),
                            job.LastJobState,
                            Utc(job.NextExecution),
                            job.Error))
                        .ToList();
                },
                cancellationToken);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            LogStorageUnavailable(logger, exception.GetType().Name);
            return null;
        }
    }

    private static DateTimeOffset? Utc(DateTime? hangfireTime) =>
        hangfireTime is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The start page could not read the recurring jobs: {ErrorType}")]
    private static partial void LogStorageUnavailable(ILogger logger, string errorType);
}
