using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Web.Features.Cases.Access;

namespace BekymringssamtaleService.Web.Features.Cases.Steps;

/// <summary>
/// One use case on an open case (invite, record reply, close …): its API path segment, its form, the workflow
/// triggers it may fire, its rules and what it writes. The dashboard page and the API endpoint both hand the request to
/// <see cref="CaseSteps"/>, which takes every step the same way: the gate, then <see cref="ValidateAsync"/>, then the
/// trigger chosen by <see cref="Fire"/> with the step's writes.
/// </summary>
public interface ICaseStep
{
    /// <summary>kebab-case: the API action (POST /api/v1/cases/{id}/{slug}) and the page (/saker/{id}/{slug}).</summary>
    string Slug { get; }

    string Title { get; }

    /// <summary>The workflow triggers behind the step: it is offered when the workflow permits any of them.</summary>
    IReadOnlyList<string> Triggers { get; }

    IReadOnlyList<FormField> Form { get; }

    /// <summary>How the case page offers the step: as the way forward, beside it, or apart as a dangerous action.</summary>
    StepWeight Weight { get; }

    Type RequestType { get; }

    /// <summary>
    /// Why the step cannot be taken yet whatever the request says (a meeting not yet begun), saying when it can; null
    /// when it can. Answered as 409 before the request's fields are checked.
    /// </summary>
    Task<string?> NotYetAsync(CaseAtHand atHand, CancellationToken cancellationToken);

    /// <summary>
    /// Why this request cannot be taken whatever its other fields say: what it names is not in the case
    /// (<see cref="StepResult.NotInCase"/>, 404) or can no longer be changed (<see cref="StepResult.NotNow"/>, 409); null
    /// when it can. Asked after <see cref="NotYetAsync"/>, before <see cref="ValidateAsync"/>.
    /// </summary>
    Task<StepResult?> RefusalAsync(CaseAtHand atHand, object request, CancellationToken cancellationToken);

    /// <summary>The request's field errors, for a case the user may work with; rules that read the database get the case from the gate.</summary>
    Task ValidateAsync(CaseAtHand atHand, object request, FieldErrors errors, CancellationToken cancellationToken);

    /// <summary>Which of <see cref="Triggers"/> a valid request fires, its input and the step's own rows.</summary>
    StepFiring Fire(CaseAtHand atHand, object request, ClaimsPrincipal user);
}

/// <summary>A step with its request type; it can be taken now and <see cref="ValidateAsync"/> finds nothing wrong unless the step has rules.</summary>
public abstract class CaseStep<TRequest> : ICaseStep
    where TRequest : class
{
    public abstract string Slug { get; }

    public abstract string Title { get; }

    public abstract IReadOnlyList<string> Triggers { get; }

    public abstract IReadOnlyList<FormField> Form { get; }

    public virtual StepWeight Weight => StepWeight.Forward;

    public Type RequestType => typeof(TRequest);

    public virtual Task<string?> NotYetAsync(CaseAtHand atHand, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public virtual Task<StepResult?> RefusalAsync(CaseAtHand atHand, TRequest request, CancellationToken cancellationToken) => Task.FromResult<StepResult?>(null);

    public virtual Task ValidateAsync(CaseAtHand atHand, TRequest request, FieldErrors errors, CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract StepFiring Fire(CaseAtHand atHand, TRequest request, ClaimsPrincipal user);

    Task<StepResult?> ICaseStep.RefusalAsync(CaseAtHand atHand, object request, CancellationToken cancellationToken) =>
        RefusalAsync(atHand, (TRequest)request, cancellationToken);

    Task ICaseStep.ValidateAsync(CaseAtHand atHand, object request, FieldErrors errors, CancellationToken cancellationToken) =>
        ValidateAsync(atHand, (TRequest)request, errors, cancellationToken);

    StepFiring ICaseStep.Fire(CaseAtHand atHand, object request, ClaimsPrincipal user) => Fire(atHand, (TRequest)request, user);
}

/// <summary>
/// What a valid step fires: the trigger, its input, and the step's own rows written on the transition's transaction;
/// <see cref="Created"/> is the id of the row the step makes, when the API answers with it.
/// </summary>
public sealed record StepFiring(string Trigger, JsonObject Input, StepWrites? Writes = null, Guid? Created = null);

/// <summary>How a step weighs on the case page: the case's way forward, a step beside it, or one that ends the case (set apart and confirmed).</summary>
public enum StepWeight
{
    Forward,
    Beside,
    Dangerous,
}

/// <summary>A field of a step's form; <see cref="Name"/> is the request's JSON path ("measures[0].code").</summary>
/// <remarks><see cref="Group"/> is the legend of the fieldset the field is shown in, with the fields next to it that share it.</remarks>
public sealed record FormField(
    string Name, string Label, FieldKind Kind, bool Required = true, IReadOnlyList<Choice>? Choices = null, string? Hint = null, string? FixedValue = null,
    string? Group = null);

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

    /// <summary>One of the rooms of the case's unit in use, by its id.</summary>
    UnitRoom,

    /// <summary>One of the interpreters of the case's unit in use, by its id.</summary>
    UnitInterpreter,

    /// <summary>Several of the options: the case's guardians.</summary>
    Guardians,

    /// <summary>One of the case's people who may consent: the youth or a guardian ("youth", "guardian-{id}").</summary>
    ConsentPerson,

    /// <summary>One of the case's consents in force, by its id.</summary>
    ConsentInForce,

    /// <summary>One entry of the measures catalog.</summary>
    Measure,

    /// <summary>A status for each measure agreed on the case, posted as "{name}.{measure id}".</summary>
    MeasureStatuses,

    /// <summary>
    /// A checkbox the page requires before it takes a step that cannot be undone; not part of the request (the API
    /// caller has decided when they send it).
    /// </summary>
    Confirm,
}
