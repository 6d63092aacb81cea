using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Letters;
using BekymringssamtaleService.Workflows.Definitions;

namespace BekymringssamtaleService.Web.WorkflowHosting;

/// <summary>
/// The guards and activities workflows/bekymringssamtale.yaml may name. Guards read the case's workflow data
/// (with the trigger's input merged in); activity inputs are the typed records below.
/// </summary>
public static class ConcernConversationVocabulary
{
    public static WorkflowVocabulary Create() => new(
        [
            new DataGuard("hasOffenceReference", data => !string.IsNullOrWhiteSpace(Text(data, "offenceReference"))),
            new DataGuard("isVoluntary", data => Text(data, "track") == Track.Voluntary.WireName()),
            new DataGuard("isAttendanceOrder", data => Text(data, "track") == Track.AttendanceOrder.WireName()),
        ],
        [
            ActivityDescriptor.Of<SendLetterActivity>(),
            ActivityDescriptor.Of<RemindOfficerActivity>(),
            ActivityDescriptor.Of<CreateTaskActivity>(),
        ]);

    private static string? Text(JsonObject data, string name) =>
        data[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private sealed class DataGuard(string name, Func<JsonObject, bool> allows) : IWorkflowGuard
    {
        public string Name => name;

        public bool Allows(JsonObject data) => allows(data);
    }
}
