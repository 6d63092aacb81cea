using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BekymringssamtaleService.Web.Features.Incidents;

/// <summary>The administrator's list of failed workflow activities, with retry and resolve.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(WorkflowRuntime runtime) : PageModel
{
    public IReadOnlyList<Incident> Incidents { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Incidents = await runtime.IncidentsAsync(cancellationToken);

    public IActionResult OnPostRetry(Guid executionId)
    {
        runtime.RetryIncident(executionId);
        Message = "Aktiviteten er lagt i kø for et nytt forsøk.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResolveAsync(Guid executionId, CancellationToken cancellationToken)
    {
        var resolved = await runtime.ResolveIncidentAsync(executionId, new Actor(User.StaffId(), [.. User.Roles().Select(role => role.ToString())]), cancellationToken);
        Message = resolved ? "Hendelsen er markert som løst." : "Hendelsen var allerede løst.";
        return RedirectToPage();
    }
}
