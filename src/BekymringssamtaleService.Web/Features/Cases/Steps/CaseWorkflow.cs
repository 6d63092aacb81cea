using BekymringssamtaleService.Domain.Access;

namespace BekymringssamtaleService.Web.Features.Cases.Steps;

/// <summary>The workflow every case runs (workflows/bekymringssamtale.yaml): registration starts it, the steps fire its triggers.</summary>
public static class CaseWorkflow
{
    public const string Name = "bekymringssamtale";

    /// <summary>The state in which the booked meeting is a follow-up conversation: its steps fire the follow-up's own triggers.</summary>
    public const string FollowUpBooked = "FollowUpBooked";

    /// <summary>The two ends of a case (final states): closed with an outcome, or cancelled; the retention clock starts at either.</summary>
    public const string Closed = "Closed";

    public const string Cancelled = "Cancelled";

    /// <summary>A Lead's decision on what an officer asked for: an attendance order or a fetch, approved or declined.</summary>
    private static readonly HashSet<string> ApprovalTriggers =
        ["ApproveAttendanceOrder", "RejectAttendanceOrder", "ApproveFetch", "RejectFetch"];

    /// <summary>
    /// The purpose the access log records for firing <paramref name="trigger"/>, or for working on a task it completes:
    /// an approval decision, else casework.
    /// </summary>
    public static AccessPurpose PurposeOf(string? trigger) =>
        trigger is not null && ApprovalTriggers.Contains(trigger) ? AccessPurpose.Approval : AccessPurpose.Casework;
}
