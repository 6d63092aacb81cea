using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace BekymringssamtaleService.Web.Api;

public static class ApiSetup
{
    public const string Prefix = "/api/v1";

    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // A status without a handler of ours (401 from authentication, 404 of an unknown path) still speaks Norwegian.
            if (context.ProblemDetails.Detail is null && NorwegianStatus(context.ProblemDetails.Status) is { } words)
            {
                (context.ProblemDetails.Title, context.ProblemDetails.Detail) = words;
            }
        });
        // In this order: no connection of a failed request is reused; a database outage is a 503 (API and pages
        // alike), not an unexpected error.
        builder.Services.AddExceptionHandler<ConnectionsAfterFailure>();
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Bekymringssamtale API";
            document.Info.Description = "Bekymringssamtaler etter politiloven § 13: saker, steg, brev og tiltak.";
            return Task.CompletedTask;
        }).AddSchemaTransformer<RequestSchemaTransformer>().AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            // A step's body (StepBody<T>) is described here rather than by routing's content-type metadata; see StepBody.
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonRequestBody>().FirstOrDefault() is { } body && context.Document is { } openApi)
            {
                openApi.AddComponent(body.Type.Name, await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken));
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = new OpenApiSchemaReference(body.Type.Name, openApi) },
                    },
                };
            }
        }));
        return builder;
    }

    public static bool IsApiRequest(HttpRequest request) => request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// An API status without a body (401 from authentication, 404 of an unknown path, 405) is answered with a
    /// ProblemDetails; the body it writes keeps the dashboard's status pages, further out, from answering instead.
    /// </summary>
    public static void UseApiProblemDetails(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            await next(context);
            var response = context.Response;
            if (IsApiRequest(context.Request) && response.StatusCode >= 400 && !response.HasStarted && string.IsNullOrEmpty(response.ContentType))
            {
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = response.StatusCode },
                });
            }
        });

    /// <summary>
    /// /api/v1 for signed-in staff (cookie, bearer token, or in Development the X-Dev-User header); the OpenAPI document
    /// at /openapi/v1.json, for signed-in staff too except in Development, where it and a Scalar UI at /scalar are open.
    /// Answers the /api/v1 group the features map their endpoints on.
    /// </summary>
    public static RouteGroupBuilder MapApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization().AddEndpointFilter<RouteGroupBuilder, CaseScopeEndpointFilter>();
        var document = app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            document.AllowAnonymous();
            app.MapScalarApiReference().AllowAnonymous();
        }

        return api;
    }

    private static (string Title, string Detail)? NorwegianStatus(int? status) => status switch
    {
        StatusCodes.Status401Unauthorized => ("Ikke innlogget", "Forespørselen mangler gyldig innlogging (cookie eller tilgangstoken)."),
        StatusCodes.Status403Forbidden => ("Ikke tilgang", "Rollen din gir ikke tilgang til dette."),
        StatusCodes.Status404NotFound => ("Fant ikke", "Adressen finnes ikke i API-et."),
        StatusCodes.Status405MethodNotAllowed => ("Metoden er ikke tillatt", "Adressen finnes, men ikke med denne HTTP-metoden."),
        StatusCodes.Status415UnsupportedMediaType => ("Feil innholdstype", "Send JSON med Content-Type: application/json."),
        _ => null,
    };
}
