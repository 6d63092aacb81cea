using BekymringssamtaleService.Web.Features.Cases;
using Scalar.AspNetCore;

namespace BekymringssamtaleService.Web.Api;

public static class ApiSetup
{
    public const string Prefix = "/api/v1";

    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Bekymringssamtale API";
            document.Info.Description = "Bekymringssamtaler etter politiloven § 13: saker, steg, brev og tiltak.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>
    /// /api/v1 for signed-in staff (cookie, bearer token, or in Development the X-Dev-User header); the OpenAPI document
    /// at /openapi/v1.json, and in Development a Scalar UI at /scalar.
    /// </summary>
    public static void MapApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix).RequireAuthorization();
        api.MapCasesApi();
        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference().AllowAnonymous();
        }
    }
}
