namespace BekymringssamtaleService.Domain.Cases;

/// <summary>
/// What an officer recorded with a step of the case (a reply, a decision and its reasons, an outcome): shown on the
/// case's timeline. The details are free text and sensitive: never logged.
/// </summary>
public sealed class CaseEntry
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    public required string Step { get; init; }
    public required string RecordedBy { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    public Dictionary<string, string> Details { get; init; } = [];
}
