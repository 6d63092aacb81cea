using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BekymringssamtaleService.Web.Features.Operations;

/// <summary>The administrator's operations page: check that jobs run and mail arrives.</summary>
[Authorize(Policy = Policies.Admin)]
[OutsideCaseScope("Driftssiden er forvalterens (Admin-policyen avgjør) og har ikke noe saksinnhold.")]
public sealed class IndexModel(IBackgroundJobClient jobs) : PageModel
{
    [TempData]
    public string? QueuedJobId { get; set; }

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        var staffId = User.StaffId();
        QueuedJobId = jobs.Enqueue<SendOperationsTestMail>(job => job.RunAsync(staffId, CancellationToken.None));
        return RedirectToPage();
    }
}
