using System.Text.Json.Nodes;
using BekymringssamtaleService.Workflows.Definitions;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Workflows.Tests;

/// <summary>
/// The workflow the engine's tests run: small, and with one of each thing the engine does. Waiting gives up after
/// seven days (a timer firing a system trigger) unless an officer begins, which needs a reference (a guard). Working
/// has a Lead's review task that completes with Approve, which whoever began may not fire. Remind runs the flaky activity, Submit records what its
/// activity sees, Withdraw has an activity that refuses it, and Note stays where it is. Return answers the review task
/// too; Ask makes a task (by an activity) that Answer answers, and Check one that asks for a date. Overdue tasks go to
/// the Lead, who oversees them.
/// </summary>
internal static class ProbeWorkflow
{
    public const string Name = "probe";
    public const string Unit = "OSLO-SENTRUM";

    public static readonly Actor Officer = new("betjent-oslo", ["Officer"]);
    public static readonly Actor Lead = new("leder-oslo", ["Lead"]);
    public static readonly Actor OtherOfficer = new("betjent-oslo-2", ["Officer"]);

    /// <summary>A Lead who also works as an officer: who begins may not approve (four eyes).</summary>
    public static readonly Actor LeadOfficer = new("leder-betjent-oslo", ["Officer", "Lead"]);

    public const string Definition = """
        name: probe
        title: Probe
        initial: Waiting
        taskEscalation: { after: P1D, to: Lead }
        states:
          - name: Waiting
            title: Venter
            timers:
              - name: GiveUp
                offset: P7D
                fire: Expire
          - name: Working
            title: I arbeid
            tasks:
              - name: Review
                title: Se over arbeidet
                candidateRole: Lead
                due: P2D
                completes: Approve
                answeredBy: [Return]
          - name: Submitted
            title: Levert
          - name: Approved
            title: Godkjent
            final: true
          - name: Withdrawn
            title: Trukket
            final: true
          - name: Expired
            title: Utløpt
            final: true
        triggers:
          - name: Begin
            title: Begynn
            from: [Waiting]
            to: Working
            roles: [Officer]
            guard: hasReference
            input:
              reference: { type: text, required: false }
          - name: Note
            title: Notat
            from: [Waiting, Working]
            stay: true
            roles: [Officer]
          - name: Expire
            title: Utløp
            from: [Waiting]
            to: Expired
            roles: [system]
          - name: Approve
            title: Godkjenn
            done: Godkjent
            notBy: Begin
            from: [Working]
            to: Approved
            roles: [Lead]
          - name: Remind
            title: Påminn
            from: [Working]
            stay: true
            roles: [Officer]
            input:
              failures: { type: number }
            activities:
              - activity: flaky
          - name: Submit
            title: Lever
            from: [Working]
            to: Submitted
            roles: [Officer]
            set: { submitted: true }
            input:
              label: { type: text }
              fail: { type: boolean, required: false }
            activities:
              - activity: record
                with: { label: submitted }
          - name: Return
            title: Send tilbake
            from: [Working]
            to: Waiting
            roles: [Lead]
          - name: Ask
            title: Spør
            from: [Working]
            stay: true
            roles: [Officer]
            activities:
              - activity: addTask
                with: { title: Ring og spør, answeredBy: [Answer] }
          - name: Check
            title: Sjekk
            from: [Working]
            stay: true
            roles: [Officer]
            activities:
              - activity: addTask
                with: { title: Meld fra, dateLabel: Meldt fra den }
          - name: Answer
            title: Svar
            from: [Working, Submitted]
            stay: true
            roles: [Officer]
          - name: Withdraw
            title: Trekk tilbake
            from: [Working]
            to: Withdrawn
            roles: [Officer]
            activities:
              - activity: record
                with: { label: withdrawn }
              - activity: refuse
                with: { reason: Saken mangler noe. }
        """;

    public static WorkflowVocabulary Vocabulary { get; } = new(
        [new ReferenceGuard()],
        [ActivityDescriptor.Of<FlakyActivity>(), ActivityDescriptor.Of<RecordingActivity>(), ActivityDescriptor.Of<RefusingActivity>(), ActivityDescriptor.Of<AddTaskActivity>()]);

    /// <summary>Begin is allowed once the instance holds a reference, from its start data or Begin's input.</summary>
    private sealed class ReferenceGuard : IWorkflowGuard
    {
        public string Name => "hasReference";

        public bool Allows(JsonObject data) => data["reference"] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0;
    }
}
