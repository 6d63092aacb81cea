using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace BekymringssamtaleService.Web.Api;

/// <summary>
/// A step's JSON body, read as <see cref="JsonBody{T}"/> reads it, with one difference: a body that is not JSON is not
/// refused by routing (415) before the endpoint runs. The step answers it as a reading error, and only after the
/// case gate, so a request of any content type learns nothing about a case the user may not see.
/// </summary>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Minimal APIs find BindAsync and PopulateMetadata as static members of the parameter's type.")]
public sealed class StepBody<T> : IEndpointParameterMetadataProvider
    where T : class
{
    private StepBody(JsonBody<T> body) => Body = body;

    public JsonBody<T> Body { get; }

    public static async ValueTask<StepBody<T>> BindAsync(HttpContext context) => new(await JsonBody<T>.BindAsync(context));

    /// <summary>Describes the body for the OpenAPI document only (<see cref="JsonRequestBody"/>), not for routing's content-type match.</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) => builder.Metadata.Add(new JsonRequestBody(typeof(T)));
}

/// <summary>The operation takes a JSON body of <see cref="Type"/>; the OpenAPI document says so (see <see cref="ApiSetup"/>).</summary>
public sealed record JsonRequestBody(Type Type);
