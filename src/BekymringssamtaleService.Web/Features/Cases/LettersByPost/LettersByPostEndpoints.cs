using System.Security.Claims;
using BekymringssamtaleService.Web.Features.Cases.Access;

namespace BekymringssamtaleService.Web.Features.Cases.LettersByPost;

/// <summary>The API of letters by post: the PDF to print, and "posted".</summary>
public static class LettersByPostEndpoints
{
    public static void MapLettersByPost(this RouteGroupBuilder cases)
    {
        cases.MapGet("/{id:guid}/letters/{letterId:guid}/pdf", PdfAsync).WithName("PrintLetter").WithSummary("Brevet som PDF for utskrift og vinduskonvolutt")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/{id:guid}/letters/{letterId:guid}/mark-posted", MarkPostedAsync).WithName("MarkLetterPosted").WithSummary("Marker et utskrevet brev som postlagt")
            .Produces<LetterPosted>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    public static void AddLettersByPost(this IServiceCollection services)
    {
        services.AddScoped<PrintLetter>();
        services.AddScoped<MarkLetterPosted>();
    }

    private static async Task<IResult> PdfAsync(HttpContext context, Guid letterId, ClaimsPrincipal user, PrintLetter print, CancellationToken cancellationToken) =>
        Answer(await print.HandleAsync(user, context.CaseAtHand(), letterId, cancellationToken));

    private static async Task<IResult> MarkPostedAsync(HttpContext context, Guid letterId, ClaimsPrincipal user, MarkLetterPosted markPosted, CancellationToken cancellationToken) =>
        Answer(await markPosted.HandleAsync(user, context.CaseAtHand(), letterId, cancellationToken));

    private static IResult Answer(LetterByPostResult result) => result switch
    {
        LetterByPostResult.Printed printed => Results.File(printed.Pdf, "application/pdf", printed.FileName),
        LetterByPostResult.Posted posted => Results.Ok(new LetterPosted(posted.LetterId, posted.PostedAt, posted.PostedBy)),
        LetterByPostResult.LetterNotFound => Results.Problem("Saken har ikke noe brev med denne id-en.", statusCode: StatusCodes.Status404NotFound, title: "Fant ikke brevet"),
        LetterByPostResult.SentByEmail => Results.Problem(LetterByPostResult.SentByEmailReason, statusCode: StatusCodes.Status409Conflict, title: "Ikke mulig"),
        _ => throw new InvalidOperationException($"No answer for {result}."),
    };
}

/// <summary>A printed letter is posted: when, and by whom.</summary>
public sealed record LetterPosted(Guid Id, DateTimeOffset PostedAt, string PostedBy);
