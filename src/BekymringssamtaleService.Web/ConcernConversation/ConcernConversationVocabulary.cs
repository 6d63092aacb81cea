using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Workflows.Definitions;

namespace BekymringssamtaleService.Web.ConcernConversation;

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
            new ActivityDescriptor("sendLetter", typeof(SendLetterInput)),
            new ActivityDescriptor("remindOfficer", typeof(RemindOfficerInput)),
            new ActivityDescriptor("createTask", typeof(CreateTaskInput)),
        ]);

    private static string? Text(JsonObject data, string name) =>
        data[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private sealed class DataGuard(string name, Func<JsonObject, bool> allows) : IWorkflowGuard
    {
        public string Name => name;

        public bool Allows(JsonObject data) => allows(data);
    }
}


/// <summary>One letter to the youth and one to each guardian, each in their own language.</summary>
public sealed record SendLetterInput(LetterKind Letter);

public enum OfficerReminder
{
    MeetingTomorrow,
    FollowUpDue,
}

/// <summary>A reminder by e-mail to the officers booked on the case.</summary>
public sealed record RemindOfficerInput(OfficerReminder Reminder);

/// <summary>
/// A user task created by an activity rather than by entering a state: for work that is due only when the case's
/// data says so (OnlyIf names a data flag that must be true; Unless names a data field that must be absent).
/// </summary>
public sealed record CreateTaskInput(string Title, string CandidateRole, string Due, string? OnlyIf = null, string? Unless = null);
