namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>What became of a trigger: fired, refused by the definition, bad input, lost a race, or no such instance.</summary>
public abstract record FireOutcome
{
    private FireOutcome()
    {
    }

    public sealed record Fired(string FromState, string ToState, int Version) : FireOutcome;

    public sealed record Refused(TriggerCheck Reason) : FireOutcome;

    public sealed record InvalidInput(IReadOnlyDictionary<string, string> Errors) : FireOutcome;

    /// <summary>Another change to the same instance committed first; nothing of this one was saved.</summary>
    public sealed record Conflict : FireOutcome;

    public sealed record NotFound : FireOutcome;
}
