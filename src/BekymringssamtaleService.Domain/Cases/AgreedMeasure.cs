namespace BekymringssamtaleService.Domain.Cases;

/// <summary>
/// A measure from the catalog agreed in the conversation: who carries it out, and when. One the catalog says requires
/// consent rests on the case's consent records for its sharing, and is stopped when that consent is withdrawn.
/// </summary>
public sealed class AgreedMeasure
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public required string MeasureCode { get; init; }
    public required string Responsible { get; init; }
    public required DateOnly StartsOn { get; init; }
    public required DateOnly DueOn { get; init; }
    public MeasureStatus Status { get; set; }
    public required string AgreedBy { get; init; }
    public required DateTimeOffset AgreedAt { get; init; }
}

public enum MeasureStatus
{
    Planned,
    Started,
    Completed,
    Stopped,
}
