using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Workflows.Definitions;
using BekymringssamtaleService.Workflows.Diagrams;

namespace BekymringssamtaleService.UnitTests.Workflows;

public sealed class MermaidDiagramTests
{
    private const string Definition = """
        name: probe
        title: Probe
        initial: Registered
        states:
          - name: Registered
            title: Registrert
          - name: Invited
            title: "Innkalt: venter"
          - name: Paused
            title: På vent
          - name: Closed
            title: Avsluttet
            final: true
        triggers:
          - name: Invite
            title: Kall inn
            from: [Registered]
            to: Invited
            roles: [Officer]
          - name: Close
            title: Avslutt
            from: [Invited]
            to: Closed
            roles: [Officer]
          - name: Pause
            title: Sett på vent
            from: open
            to: Paused
            roles: [Officer]
          - name: Resume
            title: Gjenoppta
            from: [Paused]
            to: previous
            roles: [Officer]
        """;

    private static readonly WorkflowDefinition Probe = new WorkflowDefinitionLoader(ConcernConversationVocabulary.Create()).Load("probe.yaml", Definition);

    [Fact]
    public void The_diagram_has_every_state_every_transition_a_start_and_an_end()
    {
        var lines = MermaidDiagram.Render(Probe).Split('\n', StringSplitOptions.TrimEntries);

        Assert.Equal("stateDiagram-v2", lines[0]);
        Assert.Contains("Invited : Innkalt - venter", lines);
        Assert.Contains("[*] --> Registered", lines);
        Assert.Contains("Registered --> Invited : Kall inn", lines);
        Assert.Contains("Invited --> Closed : Avslutt", lines);
        Assert.Contains("Closed --> [*]", lines);
        Assert.Contains("note right of Paused : Sett på vent fra alle åpne steg til På vent", lines);
        Assert.Contains("note right of Paused : Gjenoppta fra På vent til forrige steg", lines);
    }

    [Fact]
    public void The_state_a_case_is_in_is_highlighted_and_no_other()
    {
        var diagram = MermaidDiagram.Render(Probe, highlightedState: "Invited");

        Assert.Contains("    class Invited current", diagram, StringComparison.Ordinal);
        Assert.Single(diagram.Split('\n'), line => line.TrimStart().StartsWith("class ", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_state_nothing_is_highlighted()
    {
        Assert.DoesNotContain("classDef", MermaidDiagram.Render(Probe), StringComparison.Ordinal);
    }
}
