namespace BekymringssamtaleService.Web.Features.Cases.Steps;

/// <summary>What became of a request to register a case or take a step on one; the page and the API show each alike.</summary>
public abstract record StepResult
{
    private StepResult()
    {
    }

    /// <summary>Taken; <see cref="Created"/> is the row the step made, where it made one the API names (a consent record).</summary>
    public sealed record Done(Guid CaseId, string State, Guid? Created = null) : StepResult;

    /// <summary>Field errors, keyed by the request's field path (e.g. "guardians[0].email"); nothing was saved.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : StepResult
    {
        public static Invalid Field(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
    }

    /// <summary>
    /// The request could not be read (malformed JSON, a wrong type or content type, a form value of the wrong kind),
    /// keyed by field path; told only to a user the gate let through. Nothing was saved.
    /// </summary>
    public sealed record Unreadable(IReadOnlyDictionary<string, string[]> Errors) : StepResult;

    public sealed record NotFound : StepResult;

    /// <summary>The case is there, but what the request names in it (a consent record) is not; nothing was saved.</summary>
    public sealed record NotInCase(string Title, string Reason) : StepResult;

    public sealed record Forbidden(string Reason) : StepResult;

    /// <summary>The case's current step does not allow this; nothing was saved.</summary>
    public sealed record NotNow(string Reason) : StepResult;

    /// <summary>Someone else changed the case at the same moment and won; nothing of this request was saved.</summary>
    public sealed record Conflict : StepResult;
}

/// <summary>A rule checked inside the step's transaction (e.g. an officer booked twice) refused it: rolled back, shown as a field error.</summary>
public sealed class StepRefusedException(string fieldPath, string reason) : Exception(reason)
{
    public string Field => fieldPath;
}
