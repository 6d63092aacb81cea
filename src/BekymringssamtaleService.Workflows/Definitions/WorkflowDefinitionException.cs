namespace BekymringssamtaleService.Workflows.Definitions;

/// <summary>A definition file that cannot be published: each problem with the file, its line and the reason.</summary>
public sealed class WorkflowDefinitionException(IReadOnlyList<DefinitionProblem> problems)
    : Exception("Invalid workflow definition:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<DefinitionProblem> Problems { get; } = problems;
}

public sealed record DefinitionProblem(string File, int Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}
