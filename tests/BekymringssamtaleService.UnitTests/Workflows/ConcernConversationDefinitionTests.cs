using System.Text.Json.Nodes;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Workflows.Definitions;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.UnitTests.Workflows;

/// <summary>workflows/bekymringssamtale.yaml against the process in DOMAIN.md: every trigger from every state.</summary>
public sealed class ConcernConversationDefinitionTests
{
    private static readonly string[] Officer = ["Officer"];
    private static readonly string[] Lead = ["Lead"];

    private static readonly string[] OpenStates =
    [
        "Registered", "AwaitingOrderApproval", "ReadyToInvite", "Invited", "Declined", "MissedVoluntary", "Escalation",
        "AwaitingFetchApproval", "Held", "Mapped", "MeasuresAgreed", "FollowUp", "FollowUpBooked", "Paused",
    ];

    // The process as DOMAIN.md describes it, written out independently of the YAML: trigger → the states it leaves from.
    private static readonly Dictionary<string, string[]> ExpectedSources = new()
    {
        ["ChooseVoluntary"] = ["Registered"],
        ["RequestAttendanceOrder"] = ["Registered"],
        ["ApproveAttendanceOrder"] = ["AwaitingOrderApproval"],
        ["RejectAttendanceOrder"] = ["AwaitingOrderApproval"],
        ["Invite"] = ["ReadyToInvite"],
        ["RecordReply"] = ["Invited"],
        ["RecordDecline"] = ["Invited"],
        ["Reschedule"] = ["Invited"],
        ["CancelMeeting"] = ["Invited"],
        ["InviteAgain"] = ["Declined", "MissedVoluntary"],
        ["RecordAttended"] = ["Invited"],
        ["RecordMissedVoluntary"] = ["Invited"],
        ["RecordMissedAttendanceOrder"] = ["Invited"],
        ["DecideNewDate"] = ["Escalation"],
        ["DecideHomeVisit"] = ["Escalation"],
        ["RequestFetch"] = ["Escalation"],
        ["ApproveFetch"] = ["AwaitingFetchApproval"],
        ["RejectFetch"] = ["AwaitingFetchApproval"],
        ["RecordMapping"] = ["Held"],
        ["ReviseMapping"] = ["Mapped"],
        ["AgreeMeasures"] = ["Mapped"],
        ["ScheduleFollowUp"] = ["MeasuresAgreed"],
        ["AddMeasure"] = ["MeasuresAgreed", "FollowUp", "FollowUpBooked"],
        ["UpdateMeasureStatus"] = ["MeasuresAgreed", "FollowUp", "FollowUpBooked"],
        ["BookFollowUp"] = ["FollowUp"],
        ["RescheduleFollowUp"] = ["FollowUpBooked"],
        ["CancelFollowUp"] = ["FollowUpBooked"],
        ["RecordFollowUp"] = ["FollowUpBooked"],
        ["RecordFollowUpMissed"] = ["FollowUpBooked"],
        ["Close"] = ["Declined", "MissedVoluntary", "Held", "Mapped", "MeasuresAgreed", "FollowUp"],
        ["Pause"] = [.. OpenStates.Where(state => state != "Paused")],
        ["Resume"] = ["Paused"],
        ["Cancel"] = OpenStates,
        ["RecordConsent"] = OpenStates,
        ["WithdrawConsent"] = OpenStates,
        ["RecordDutyToInform"] = OpenStates,
    };

    private static readonly WorkflowMachine Machine = new(
        new WorkflowDefinitionLoader(ConcernConversationVocabulary.Create()).Load(
            "bekymringssamtale.yaml",
            File.ReadAllText(RepositoryRoot.Combine("workflows", "bekymringssamtale.yaml"))),
        ConcernConversationVocabulary.Create());

    public static TheoryData<string, string> EveryTriggerFromEveryState()
    {
        var data = new TheoryData<string, string>();
        foreach (var trigger in ExpectedSources.Keys)
        {
            foreach (var state in Machine.Definition.States.Select(state => state.Name))
            {
                data.Add(trigger, state);
            }
        }

        return data;
    }

    [Fact]
    public void Every_step_tells_the_timeline_what_it_did_in_the_past_tense()
    {
        Assert.All(Machine.Definition.Triggers, trigger => Assert.False(string.IsNullOrWhiteSpace(trigger.Done), $"{trigger.Name} has no done title"));
        Assert.Equal(Machine.Definition.Triggers.Count, Machine.Definition.Triggers.Select(trigger => trigger.Done).Distinct().Count());
    }

    [Theory]
    [InlineData("ApproveAttendanceOrder", "RequestAttendanceOrder")]
    [InlineData("ApproveFetch", "RequestFetch")]
    public void An_approval_is_given_by_another_than_the_person_who_asked(string approval, string request)
    {
        Assert.Equal(request, Machine.Definition.Trigger(approval).NotBy);
    }

    [Fact]
    public void The_definition_has_exactly_the_triggers_of_the_process()
    {
        Assert.Equal(ExpectedSources.Keys.Order(), Machine.Definition.Triggers.Select(trigger => trigger.Name).Order());
    }

    [Theory]
    [MemberData(nameof(EveryTriggerFromEveryState))]
    public void A_trigger_leaves_only_from_the_states_the_process_allows(string trigger, string state)
    {
        var allowed = Machine.LeavesFrom(Machine.Definition.Trigger(trigger), state);

        Assert.Equal(ExpectedSources[trigger].Contains(state), allowed);
    }

    [Theory]
    [InlineData("Closed")]
    [InlineData("Cancelled")]
    public void Nothing_can_be_done_to_a_closed_or_cancelled_case(string state)
    {
        Assert.Empty(Machine.Permitted(state, ["Officer", "Lead", "Liaison", "Admin"], Data(("track", "voluntary"), ("offenceReference", "12345678"))));
    }

    [Fact]
    public void An_attendance_order_without_an_offence_reference_is_refused()
    {
        Assert.Equal(TriggerCheck.GuardRefused, Machine.Check("RequestAttendanceOrder", "Registered", Officer, Data()));
        Assert.Equal(TriggerCheck.GuardRefused, Machine.Check("RequestAttendanceOrder", "Registered", Officer, Data(("offenceReference", " "))));
    }

    [Fact]
    public void An_attendance_order_with_an_offence_reference_goes_to_a_lead_for_approval()
    {
        var data = Data(("offenceReference", "13456789"));

        Assert.Equal(TriggerCheck.Allowed, Machine.Check("RequestAttendanceOrder", "Registered", Officer, data));
        Assert.Equal("AwaitingOrderApproval", Machine.Definition.Trigger("RequestAttendanceOrder").To);
        Assert.Contains(Machine.Definition.State("AwaitingOrderApproval").Tasks, task => task.CandidateRole == "Lead");
    }

    [Theory]
    [InlineData("ApproveAttendanceOrder", "AwaitingOrderApproval")]
    [InlineData("RejectAttendanceOrder", "AwaitingOrderApproval")]
    [InlineData("ApproveFetch", "AwaitingFetchApproval")]
    [InlineData("RejectFetch", "AwaitingFetchApproval")]
    public void Only_a_lead_approves_or_rejects_attendance_orders_and_fetching(string trigger, string state)
    {
        Assert.Equal(TriggerCheck.RoleNotAllowed, Machine.Check(trigger, state, Officer, Data()));
        Assert.Equal(TriggerCheck.RoleNotAllowed, Machine.Check(trigger, state, ["Liaison", "Admin", "Auditor"], Data()));
        Assert.Equal(TriggerCheck.Allowed, Machine.Check(trigger, state, Lead, Data()));
    }

    [Fact]
    public void A_missed_voluntary_conversation_may_be_invited_again_or_closed()
    {
        var voluntary = Data(("track", "voluntary"));

        Assert.Equal(TriggerCheck.Allowed, Machine.Check("RecordMissedVoluntary", "Invited", Officer, voluntary));
        Assert.Equal(TriggerCheck.GuardRefused, Machine.Check("RecordMissedAttendanceOrder", "Invited", Officer, voluntary));
        Assert.Equal(
            ["Cancel", "Close", "InviteAgain", "Pause", "RecordConsent", "RecordDutyToInform", "WithdrawConsent"],
            Machine.Permitted("MissedVoluntary", Officer, voluntary).Select(trigger => trigger.Name).Order());
    }

    [Fact]
    public void A_missed_attendance_order_is_escalated_to_a_new_date_a_home_visit_or_fetching()
    {
        var order = Data(("track", "attendanceOrder"));

        Assert.Equal(TriggerCheck.Allowed, Machine.Check("RecordMissedAttendanceOrder", "Invited", Officer, order));
        Assert.Equal(TriggerCheck.GuardRefused, Machine.Check("RecordMissedVoluntary", "Invited", Officer, order));
        Assert.Equal(
            ["Cancel", "DecideHomeVisit", "DecideNewDate", "Pause", "RecordConsent", "RecordDutyToInform", "RequestFetch", "WithdrawConsent"],
            Machine.Permitted("Escalation", Officer, order).Select(trigger => trigger.Name).Order());
    }

    [Fact]
    public void Fetching_needs_the_reasons_why_a_new_date_and_a_home_visit_are_not_enough()
    {
        var errors = WorkflowMachine.InputErrors(Machine.Definition.Trigger("RequestFetch"), new JsonObject { ["reasons"] = "Ikke møtt to ganger" });

        Assert.Equal(["whyNotHomeVisit", "whyNotNewDate"], errors.Keys.Order());
    }

    [Fact]
    public void Only_a_voluntary_invitation_takes_a_reply_or_a_decline()
    {
        Assert.Equal(TriggerCheck.GuardRefused, Machine.Check("RecordReply", "Invited", Officer, Data(("track", "attendanceOrder"))));
        Assert.Equal(TriggerCheck.GuardRefused, Machine.Check("RecordDecline", "Invited", Officer, Data(("track", "attendanceOrder"))));
        Assert.Equal(TriggerCheck.Allowed, Machine.Check("RecordReply", "Invited", Officer, Data(("track", "voluntary"))));
    }

    [Fact]
    public void Resuming_returns_to_the_step_the_case_was_paused_in()
    {
        var resume = Machine.Definition.Trigger("Resume");

        Assert.Equal("Mapped", WorkflowMachine.Target(resume, "Paused", previousState: "Mapped"));
        Assert.Equal("Paused", WorkflowMachine.Target(Machine.Definition.Trigger("Pause"), "Mapped", previousState: "Held"));
    }

    [Fact]
    public void Recording_a_reply_or_a_new_mapping_version_stays_in_the_step()
    {
        Assert.Equal("Invited", WorkflowMachine.Target(Machine.Definition.Trigger("RecordReply"), "Invited", previousState: "ReadyToInvite"));
        Assert.Equal("Mapped", WorkflowMachine.Target(Machine.Definition.Trigger("ReviseMapping"), "Mapped", previousState: "Held"));
    }

    [Fact]
    public void Participant_reminders_come_three_days_and_one_day_before_the_meeting()
    {
        var reminders = Machine.Definition.State("Invited").Timers
            .Where(timer => timer.Run is { Activity: "sendLetter" } && timer.From == "meetingStart")
            .Select(timer => timer.Offset);

        Assert.Equal([TimeSpan.FromDays(-3), TimeSpan.FromHours(-24)], reminders);
    }

    [Fact]
    public void Follow_up_comes_after_four_weeks_and_after_three_months()
    {
        var offsets = Machine.Definition.State("FollowUp").Timers.Select(timer => timer.Offset).Distinct();

        Assert.Equal([TimeSpan.FromDays(28), TimeSpan.FromDays(91)], offsets);
    }

    [Fact]
    public void A_follow_up_conversation_gets_the_reminders_of_the_first_one()
    {
        static IEnumerable<(string?, string, TimeSpan, bool, bool)> Reminders(StateDefinition state) => state.Timers
            .Where(timer => timer.From == "meetingStart")
            .Select(timer => (timer.Run?.Activity, timer.Name, timer.Offset, timer.QuietHours, timer.WorkingDaysOnly));

        Assert.Equal(Reminders(Machine.Definition.State("Invited")), Reminders(Machine.Definition.State("FollowUpBooked")));
    }

    [Fact]
    public void A_recorded_follow_up_leads_back_to_follow_up_where_another_is_booked_or_the_case_closed()
    {
        Assert.Equal("FollowUpBooked", Machine.Definition.Trigger("BookFollowUp").To);
        Assert.Equal("FollowUp", Machine.Definition.Trigger("RecordFollowUp").To);
        Assert.Equal("FollowUp", Machine.Definition.Trigger("RecordFollowUpMissed").To);
        Assert.Equal("FollowUp", Machine.Definition.Trigger("CancelFollowUp").To);
        Assert.Equal(
            ["AddMeasure", "BookFollowUp", "Cancel", "Close", "Pause", "RecordConsent", "RecordDutyToInform", "UpdateMeasureStatus", "WithdrawConsent"],
            Machine.Permitted("FollowUp", Officer, Data(("track", "voluntary"))).Select(trigger => trigger.Name).Order());
    }

    [Fact]
    public void Moving_or_calling_off_a_follow_up_conversation_sends_the_same_letters_as_for_the_first()
    {
        static string? Letter(TriggerDefinition trigger) => trigger.Activities.Single().With["letter"]?.GetValue<string>();

        Assert.Equal(Letter(Machine.Definition.Trigger("Reschedule")), Letter(Machine.Definition.Trigger("RescheduleFollowUp")));
        Assert.Equal(Letter(Machine.Definition.Trigger("CancelMeeting")), Letter(Machine.Definition.Trigger("CancelFollowUp")));
        Assert.Equal("followUpInvitation", Letter(Machine.Definition.Trigger("BookFollowUp")));
    }

    [Fact]
    public void An_invitation_needs_a_time_a_duration_and_a_place_of_the_right_kinds()
    {
        var invite = Machine.Definition.Trigger("Invite");

        var errors = WorkflowMachine.InputErrors(invite, new JsonObject
        {
            ["meetingStart"] = "neste tirsdag",
            ["durationMinutes"] = "90",
            ["colour"] = "blå",
            ["awaitsReply"] = true,
        });

        Assert.Equal("Feltet må være et tidspunkt.", errors["meetingStart"]);
        Assert.Equal("Feltet må være et heltall.", errors["durationMinutes"]);
        Assert.Equal("Feltet må fylles ut.", errors["place"]);
        Assert.Equal("Feltet er ukjent.", errors["colour"]);
        Assert.Empty(WorkflowMachine.InputErrors(invite, new JsonObject
        {
            ["meetingStart"] = "2026-12-01T10:00:00+01:00",
            ["durationMinutes"] = 90,
            ["place"] = "Grønland politistasjon",
            ["awaitsReply"] = true,
        }));
    }

    [Fact]
    public void A_case_closes_only_with_one_of_the_known_outcomes()
    {
        var close = Machine.Definition.Trigger("Close");

        Assert.Contains("outcome", WorkflowMachine.InputErrors(close, new JsonObject { ["outcome"] = "forgotten" }).Keys);
        Assert.Empty(WorkflowMachine.InputErrors(close, new JsonObject { ["outcome"] = "handedOverToCoreGroup" }));
    }

    private static JsonObject Data(params (string Name, string Value)[] values)
    {
        var data = new JsonObject();
        foreach (var (name, value) in values)
        {
            data[name] = value;
        }

        return data;
    }
}
