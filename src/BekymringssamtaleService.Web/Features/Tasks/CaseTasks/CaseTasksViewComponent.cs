using Microsoft.AspNetCore.Mvc;

namespace BekymringssamtaleService.Web.Features.Tasks.CaseTasks;

/// <summary>The tasks of one case, with their buttons, on the case's page (Features/Cases/ViewCase/_CaseTasks.cshtml).</summary>
public sealed class CaseTasksViewComponent(TaskReader reader) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid caseId, string unitCode)
    {
        var tasks = await reader.OfCaseAsync(UserClaimsPrincipal, caseId, unitCode, HttpContext.RequestAborted);
        return View("~/Features/Cases/ViewCase/_CaseTasks.cshtml", new CaseTasksModel(caseId, tasks));
    }
}

public sealed record CaseTasksModel(Guid CaseId, IReadOnlyList<TaskDetails> Tasks);
