using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Auth;
using Microsoft.AspNetCore.Routing.Patterns;

namespace BekymringssamtaleService.Web.Features.Cases.Access;

/// <summary>
/// The one gate, role × unit, decided before any handler runs (<see cref="CaseScopeEndpointFilter"/> for every API
/// endpoint, <see cref="CaseScopePageFilter"/> for every page, before the body or form is read). A route whose
/// pattern names a case (<c>{caseId}</c>, or <c>{id}</c> after <c>cases</c>/<c>saker</c>) or a task (<c>{taskId}</c>,
/// or <c>{id}</c> after <c>tasks</c>/<c>oppgaver</c>) gets the case's check: a case the user may not read (another
/// unit, a blocked case, none at all, or a role the route is not for) is 404 for every role; the case found is the
/// handler's as <see cref="CaseAtHand(HttpContext)"/>. Any other route is for the casework roles (403 for the rest),
/// or for the roles it names (404 for the rest).
/// A route names other roles with <see cref="ForRolesAttribute"/> (<c>.ForRoles(Role.Liaison)</c>), or opts out with
/// <see cref="OutsideCaseScopeAttribute"/> (<c>.AllowOutsideCaseScope("why")</c>) and then answers for itself.
/// </summary>
public sealed class CaseScope(CaseGate gate)
{
    private static readonly string[] CaseSegments = ["cases", "saker"];
    private static readonly string[] TaskSegments = ["tasks", "oppgaver"];

    public async Task<CaseScopeDecision> DecideAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<OutsideCaseScopeAttribute>() is not null)
        {
            return CaseScopeDecision.Pass;
        }

        var readers = endpoint?.Metadata.GetMetadata<ForRolesAttribute>()?.Roles ?? CaseAccess.CaseworkRoles;
        var user = context.User;
        var scoped = (endpoint as RouteEndpoint)?.RoutePattern is { } pattern ? ScopedValue(pattern) : null;
        if (scoped is null)
        {
            if (user.Roles().Any(readers.Contains))
            {
                return CaseScopeDecision.Pass;
            }

            // A route named for some roles is not told to the others; a casework route tells a role it is not for cases.
            return endpoint?.Metadata.GetMetadata<ForRolesAttribute>() is null ? CaseScopeDecision.Forbidden : CaseScopeDecision.Hidden;
        }

        var notFound = scoped.Value.IsTask ? CaseScopeDecision.TaskNotFound : CaseScopeDecision.NotFound;
        if (!Guid.TryParse(context.Request.RouteValues[scoped.Value.Name]?.ToString(), out var id))
        {
            return notFound;
        }

        var atHand = scoped.Value.IsTask
            ? await gate.OpenByTaskAsync(user, id, readers, cancellationToken)
            : await gate.OpenAsync(user, id, readers, cancellationToken);
        if (atHand is null)
        {
            return notFound;
        }

        context.Features.Set(atHand);
        return CaseScopeDecision.Pass;
    }

    /// <summary>The case the gate let the user through to; only on a route that names one.</summary>
    public static CaseAtHand CaseAtHand(HttpContext context) =>
        context.Features.Get<CaseAtHand>() ?? throw new InvalidOperationException($"The route {context.GetEndpoint()?.DisplayName} names no case, or the case scope did not run.");

    /// <summary>The route value that names the case, or the task whose case it is; null when the route names neither.</summary>
    public static (string Name, bool IsTask)? ScopedValue(RoutePattern pattern)
    {
        string? previousLiteral = null;
        foreach (var segment in pattern.PathSegments)
        {
            if (segment.IsSimple && segment.Parts[0] is RoutePatternLiteralPart literal)
            {
                previousLiteral = literal.Content;
                continue;
            }

            if (segment.IsSimple && segment.Parts[0] is RoutePatternParameterPart parameter)
            {
                switch (parameter.Name)
                {
                    case "caseId":
                    case "id" when CaseSegments.Contains(previousLiteral):
                        return (parameter.Name, false);
                    case "taskId":
                    case "id" when TaskSegments.Contains(previousLiteral):
                        return (parameter.Name, true);
                }
            }

            previousLiteral = null;
        }

        return null;
    }
}

public enum CaseScopeDecision
{
    Pass,

    /// <summary>No case the user may read: another unit's, a blocked one, one the route's roles exclude, or none.</summary>
    NotFound,

    /// <summary>No task of a case the user may read (on a route that names a task).</summary>
    TaskNotFound,

    /// <summary>The route names no case, and is a casework route the user's roles are not for.</summary>
    Forbidden,

    /// <summary>The route names no case and is for other roles (<see cref="ForRolesAttribute"/>): answered as an address that does not exist.</summary>
    Hidden,
}

/// <summary>The route is for these roles instead of the casework roles (Officer, Lead, Liaison); a case it names still by unit.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ForRolesAttribute(params Role[] roles) : Attribute
{
    public IReadOnlyList<Role> Roles { get; } = roles;
}

/// <summary>The route is outside the case scope and answers for itself; <see cref="Why"/> says why that is safe.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class OutsideCaseScopeAttribute(string why) : Attribute
{
    public string Why { get; } = why;
}

public static class CaseScopeConventions
{
    public static TBuilder ForRoles<TBuilder>(this TBuilder builder, params Role[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ForRolesAttribute(roles));

    public static TBuilder AllowOutsideCaseScope<TBuilder>(this TBuilder builder, string why)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OutsideCaseScopeAttribute(why));

    public static CaseAtHand CaseAtHand(this HttpContext context) => CaseScope.CaseAtHand(context);
}
