using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Workflows.Diagrams;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BekymringssamtaleService.Web.Features.Workflows;

/// <summary>The administrator's view of the workflows: published versions and the current version as a diagram.</summary>
[Authorize(Policy = Policies.Admin)]
[OutsideCaseScope("Arbeidsflytversjonene er forvalterens (Admin-policyen avgjør) og har ikke noe saksinnhold.")]
public sealed class IndexModel(PublishedDefinitions published, WorkflowCatalog catalog) : PageModel
{
    public IReadOnlyList<PublishedVersion> Versions { get; private set; } = [];

    public IReadOnlyList<Diagram> Diagrams { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Versions = await published.ListAsync(cancellationToken);
        Diagrams = [.. catalog.All.Select(definition => new Diagram(
            definition.Name, definition.Title, published.Latest(definition.Name).Version, MermaidDiagram.Render(definition)))];
    }

    public sealed record Diagram(string Name, string Title, int Version, string Mermaid);
}
