using System.Security.Claims;

namespace BekymringssamtaleService.Web.Cases;

/// <summary>
/// One use case on an open case (invite, record reply, close …): its API path segment, its form, the workflow
/// triggers it may fire and its handler. The dashboard page and the API endpoint both call the same handler.
/// </summary>
public interface ICaseStep
{
    /// <summary>kebab-case: the API action (POST /api/v1/cases/{id}/{slug}) and the page (/saker/{id}/{slug}).</summary>
    string Slug { get; }

    string Title { get; }

    /// <summary>The workflow triggers behind the step: it is offered when the workflow permits any of them.</summary>
    IReadOnlyList<string> Triggers { get; }

    IReadOnlyList<FormField> Form { get; }

    Type RequestType { get; }

    Task<StepResult> HandleAsync(ClaimsPrincipal user, Guid caseId, object request, CancellationToken cancellationToken);
}

public abstract class CaseStep<TRequest> : ICaseStep
    where TRequest : class
{
    public abstract string Slug { get; }

    public abstract string Title { get; }

    public abstract IReadOnlyList<string> Triggers { get; }

    public abstract IReadOnlyList<FormField> Form { get; }

    public Type RequestType => typeof(TRequest);

    public abstract Task<StepResult> HandleAsync(ClaimsPrincipal user, Guid caseId, TRequest request, CancellationToken cancellationToken);

    Task<StepResult> ICaseStep.HandleAsync(ClaimsPrincipal user, Guid caseId, object request, CancellationToken cancellationToken) =>
        HandleAsync(user, caseId, (TRequest)request, cancellationToken);
}

/// <summary>A field of a step's form; <see cref="Name"/> is the request's JSON path ("measures[0].code").</summary>
public sealed record FormField(
    string Name, string Label, FieldKind Kind, bool Required = true, IReadOnlyList<Choice>? Choices = null, string? Hint = null, string? FixedValue = null);

public sealed record Choice(string Value, string Label);

public enum FieldKind
{
    Text,
    LongText,
    Number,
    DateTime,
    Date,
    YesNo,
    Select,

    /// <summary>Not shown: sends <see cref="FormField.FixedValue"/> (e.g. which life domain a pair of fields is about).</summary>
    Hidden,

    /// <summary>Several of the options: the officers of the case's unit.</summary>
    UnitOfficers,

    /// <summary>Several of the options: the case's guardians.</summary>
    Guardians,

    /// <summary>One entry of the measures catalog.</summary>
    Measure,
}
