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
}
