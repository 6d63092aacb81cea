namespace BekymringssamtaleService.Web.Security;

/// <summary>
/// The headers every response carries: a Content-Security-Policy with no inline script and no framing, no content
/// sniffing, no referrer, HSTS outside Development, and <c>Cache-Control: no-store</c> on everything but the static
/// files of wwwroot (pages and API answers carry case data; nothing of it may stay in a shared or browser cache).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts and styles come from the service's own static files only. Images may be data: URLs (the design
    /// system's icons in CSS).
    /// </summary>
    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The workflow diagrams: mermaid draws each as an SVG with its own &lt;style&gt; element and style attributes.
    /// Inline style is allowed on this administrators' page only; script stays the service's own.
    /// </summary>
    public const string DiagramPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Pages written by libraries that use inline script and style, allowed on their own paths only: Hangfire's job
    /// dashboard (administrators) and, in Development, the Scalar API reference. They may still not be framed.
    /// </summary>
    public const string LibraryPagePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static void UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        var webRoot = app.Environment.WebRootFileProvider;
        app.Use((context, next) =>
        {
            var request = context.Request;
            var policy = PolicyFor(request.Path);
            var staticFile = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && webRoot.GetFileInfo(request.Path.Value ?? "").Exists;
            // Set as the response starts, so an error page written after the handler cleared the headers has them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (!staticFile)
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private static string PolicyFor(PathString path) =>
        path.StartsWithSegments(Jobs.JobsSetup.DashboardPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase)
            ? LibraryPagePolicy
        : path.StartsWithSegments("/arbeidsflyt", StringComparison.OrdinalIgnoreCase) ? DiagramPolicy
        : DashboardPolicy;
}
