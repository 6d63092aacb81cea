namespace BekymringssamtaleService.Web.Features.Tasks.WorkOnTask;

/// <summary>What became of a person's change to a task; the page and the API show each alike.</summary>
public abstract record TaskResult
{
    private TaskResult()
    {
    }

    public sealed record Done(TaskView Task) : TaskResult;

    /// <summary>Field errors by the request's field path, or the request could not be read; nothing was saved.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : TaskResult;

    /// <summary>No such task in the user's units: the same answer whether it exists elsewhere or not at all.</summary>
    public sealed record NotFound : TaskResult;

    public sealed record Forbidden(string Reason) : TaskResult;

    /// <summary>
    /// Not possible now or not by this person (taken, no longer open, not their role); nothing was saved. A task done by
    /// a step of the case names it: <see cref="CaseStep"/> is the step's slug on the case <see cref="CaseId"/>.
    /// </summary>
    public sealed record Refused(string Reason, Guid? CaseId = null, string? CaseStep = null) : TaskResult;
}
