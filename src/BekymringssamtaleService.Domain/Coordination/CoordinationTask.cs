namespace BekymringssamtaleService.Domain.Coordination;

/// <summary>
/// Work a Liaison owes in a case's coordination (call PST back, meet the school's contact): the compartment's own,
/// listed for Liaisons only. Not a workflow task, which every officer of the unit sees.
/// </summary>
public sealed class CoordinationTask
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public required string Title { get; init; }
    public required DateOnly DueOn { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DoneAt { get; private set; }
    public string? DoneBy { get; private set; }

    public void Complete(string staffId, DateTimeOffset at)
    {
        DoneBy = staffId;
        DoneAt = at;
    }
}
