using System.Globalization;
using System.Text.Json;
using BekymringssamtaleService.Domain.Coordination;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Coordination.Compartment;

/// <summary>
/// A case's coordination compartment for a Liaison (/saker/{id}/koordinering): first the question why it is opened,
/// then the compartment with its forms — the decision, a new entry, a new task, a task done — posted through the same
/// handler as the API. The stated purpose travels with each form, so the compartment shown after a change is a read
/// logged with it. Anyone but a Liaison of the case's unit gets the 404 of a case that does not exist.
/// </summary>
[ForRoles(Role.Liaison)]
public sealed class IndexModel(CoordinationCompartment compartment, ServiceDbContext db) : PageModel
{
    public const string PurposeKey = "Koordineringsformaal";

    public string CaseNumber { get; private set; } = "";
    public CompartmentView? Compartment { get; private set; }

    /// <summary>The Liaisons of the case's unit: whom a flag may name.</summary>
    public IReadOnlyList<(string Id, string Name)> Liaisons { get; private set; } = [];

    /// <summary>Which form the errors belong to ("formaal", "beslutning", "oppforing", "oppgave"), and the errors by field.</summary>
    public string? FormWithErrors { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? Refusal { get; private set; }

    [TempData(Key = Cases.ViewCase.IndexModel.NoticeKey)]
    public string? Notice { get; set; }

    /// <summary>The purpose stated, kept for the one page shown after a change.</summary>
    [TempData(Key = PurposeKey)]
    public string? KeptPurpose { get; set; }

    public string? Purpose { get; private set; }

    public string[] ErrorsOf(string form, string field) => FormWithErrors == form && Errors.TryGetValue(field, out var messages) ? messages : [];

    public string? Posted(string form, string field) => FormWithErrors == form && Request.HasFormContentType ? Request.Form[field].ToString() : null;

    public static string WireName<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        KeptPurpose is { } purpose ? await ShowAsync(id, purpose, cancellationToken) : await AskPurposeAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken cancellationToken) =>
        await ShowAsync(id, Request.Form["purpose"].ToString(), cancellationToken);

    public async Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = new DecideCoordinationRequest
        {
            Decision = Choice<CoordinationOutcome>("decision"),
            LiaisonId = Blank(Request.Form["liaisonId"]),
            Version = int.TryParse(Request.Form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null,
        };
        return await AnswerAsync(id, "beslutning", await compartment.DecideAsync(User, id, Checked(request), cancellationToken), "Beslutningen er lagret.", cancellationToken);
    }

    public async Task<IActionResult> OnPostAddEntryAsync(Guid id, CancellationToken cancellationToken)
    {
        var (occurredOn, dateErrors) = Date("occurredOn");
        var request = new AddCoordinationEntryRequest
        {
            Kind = Choice<CoordinationEntryKind>("kind"),
            OccurredOn = occurredOn,
            PstReference = Blank(Request.Form["pstReference"]),
            Summary = Blank(Request.Form["summary"]),
            Classification = Choice<SecurityClassification>("classification"),
        };
        var posted = dateErrors ?? Checked(request);
        return await AnswerAsync(id, "oppforing", await compartment.AddEntryAsync(User, id, posted, cancellationToken), "Oppføringen er lagret.", cancellationToken);
    }

    public async Task<IActionResult> OnPostAddTaskAsync(Guid id, CancellationToken cancellationToken)
    {
        var (dueOn, dateErrors) = Date("dueOn");
        var request = new AddCoordinationTaskRequest { Title = Blank(Request.Form["title"]), DueOn = dueOn };
        var posted = dateErrors ?? Checked(request);
        return await AnswerAsync(id, "oppgave", await compartment.AddTaskAsync(User, id, posted, cancellationToken), "Oppgaven er lagt til.", cancellationToken);
    }

    public async Task<IActionResult> OnPostCompleteTaskAsync(Guid id, Guid taskId, CancellationToken cancellationToken) =>
        await AnswerAsync(id, null, await compartment.CompleteTaskAsync(User, id, taskId, cancellationToken), "Oppgaven er utført.", cancellationToken);

    private async Task<IActionResult> AnswerAsync<T>(Guid id, string? form, CoordinationResult<T> result, string notice, CancellationToken cancellationToken)
    {
        var purpose = Request.Form["purpose"].ToString();
        switch (result)
        {
            case CoordinationResult<T>.Done:
                Notice = notice;
                KeptPurpose = purpose;
                return RedirectToPage(new { id });
            case CoordinationResult<T>.Invalid invalid:
                (FormWithErrors, Errors) = (form, invalid.Errors);
                break;
            case CoordinationResult<T>.Refused refused:
                Refusal = refused.Reason;
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            default:
                return NotFound();
        }

        // The compartment is shown again, with the form's errors or the refusal: that is a read, with the purpose stated.
        return await ShowAsync(id, purpose, cancellationToken);
    }

    private async Task<IActionResult> AskPurposeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await compartment.CaseNumberAsync(User, id, cancellationToken) is not { } caseNumber)
        {
            return NotFound();
        }

        CaseNumber = caseNumber;
        return Page();
    }

    private async Task<IActionResult> ShowAsync(Guid id, string purpose, CancellationToken cancellationToken)
    {
        switch (await compartment.ReadAsync(User, id, purpose, cancellationToken))
        {
            case CoordinationResult<CompartmentView>.Done read:
                Compartment = read.Value;
                CaseNumber = read.Value.CaseNumber;
                Purpose = purpose.Trim();
                Liaisons = [.. (await db.StaffMembers.AsNoTracking()
                        .Where(staff => staff.UnitCodes.Contains(read.Value.UnitCode) && staff.Roles.Contains(Role.Liaison))
                        .OrderBy(staff => staff.DisplayName)
                        .Select(staff => new { staff.Id, staff.DisplayName })
                        .ToListAsync(cancellationToken))
                    .Select(staff => (staff.Id, staff.DisplayName))];
                return Page();
            case CoordinationResult<CompartmentView>.Invalid invalid:
                // Without a valid purpose nothing of the compartment is shown: the question is asked again.
                (FormWithErrors, Errors, Refusal) = ("formaal", invalid.Errors, null);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return await AskPurposeAsync(id, cancellationToken);
            default:
                return NotFound();
        }
    }

    private T? Choice<T>(string field)
        where T : struct, Enum =>
        Enum.GetValues<T>().Select(value => (T?)value).FirstOrDefault(value => WireName(value!.Value) == Request.Form[field].ToString());

    private (DateOnly? Date, PostedRequest? Errors) Date(string field)
    {
        var text = Blank(Request.Form[field]);
        if (text is null)
        {
            return (null, null);
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? (date, null)
            : (null, PostedRequest.Unreadable(new Dictionary<string, string[]> { [field] = ["Datoen er ikke gyldig."] }));
    }

    /// <summary>The form held to the rules every request obeys (<see cref="RequestRules"/>), as an API body is.</summary>
    private static PostedRequest Checked(object request) =>
        RequestRules.Check(request) is { Count: > 0 } errors ? PostedRequest.Unreadable(errors) : PostedRequest.Read(request);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
