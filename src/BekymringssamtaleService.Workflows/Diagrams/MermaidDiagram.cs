using System.Text;
using BekymringssamtaleService.Workflows.Definitions;

namespace BekymringssamtaleService.Workflows.Diagrams;

/// <summary>A definition as Mermaid state-diagram text, with one state highlighted (where an instance is now).</summary>
public static class MermaidDiagram
{
    public static string Render(WorkflowDefinition definition, string? highlightedState = null)
    {
        var text = new StringBuilder();
        text.AppendLine("stateDiagram-v2");
        foreach (var state in definition.States)
        {
            text.AppendLine(FormattableString.Invariant($"    {state.Name} : {Escape(state.Title)}"));
        }

        text.AppendLine(FormattableString.Invariant($"    [*] --> {definition.Initial}"));
        foreach (var trigger in definition.Triggers.Where(trigger => trigger.From is not null && !trigger.ReturnsToPrevious))
        {
            foreach (var from in trigger.From!)
            {
                text.AppendLine(FormattableString.Invariant($"    {from} --> {trigger.To ?? from} : {Escape(trigger.Title)}"));
            }
        }

        // Triggers open from every step (pause, cancel) would draw an arrow from each state; a note says it once.
        foreach (var trigger in definition.Triggers.Where(trigger => trigger.From is null || trigger.ReturnsToPrevious))
        {
            var target = trigger.ReturnsToPrevious ? "forrige steg" : definition.State(trigger.To ?? definition.Initial).Title;
            var source = trigger.From is null ? "alle åpne steg" : string.Join(", ", trigger.From.Select(from => definition.State(from).Title));
            var anchor = trigger.ReturnsToPrevious ? trigger.From![0] : trigger.To ?? definition.Initial;
            text.AppendLine(FormattableString.Invariant($"    note right of {anchor} : {Escape(trigger.Title)} fra {source} til {target}"));
        }

        foreach (var state in definition.States.Where(state => state.Final))
        {
            text.AppendLine(FormattableString.Invariant($"    {state.Name} --> [*]"));
        }

        if (highlightedState is not null)
        {
            text.AppendLine("    classDef current fill:#ffe08a,stroke:#7a5c00,stroke-width:3px");
            text.AppendLine(FormattableString.Invariant($"    class {definition.State(highlightedState).Name} current"));
        }

        return text.ToString();
    }

    // Mermaid ends a label at a colon or line break and reads # as an entity start.
    private static string Escape(string label) =>
        label.Replace(":", " -", StringComparison.Ordinal).Replace("#", "nr.", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
