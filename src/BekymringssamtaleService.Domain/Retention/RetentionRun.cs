namespace BekymringssamtaleService.Domain.Retention;

/// <summary>
/// One run of the nightly retention: when it ran, how many cases it blocked and how many it emptied of personal data.
/// Written with the run's work, in its transaction: a run that failed left nothing, and is not recorded.
/// </summary>
public sealed class RetentionRun
{
    public long Id { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public required int CasesBlocked { get; init; }
    public required int CasesDeleted { get; init; }
}
