namespace BekymringssamtaleService.Domain.Cases;

/// <summary>A measure from the catalog agreed in the conversation: who carries it out, who consented, and when.</summary>
public sealed class AgreedMeasure
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public required string MeasureCode { get; init; }
    public required string Responsible { get; init; }

    /// <summary>Who consented (the youth, each guardian by name); empty when the measure needs no consent.</summary>
    public List<string> ConsentGivenBy { get; init; } = [];

    public DateOnly? ConsentGivenOn { get; init; }

    /// <summary>What the consent allows to be shared, and with whom.</summary>
    public string? ConsentScope { get; init; }

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
