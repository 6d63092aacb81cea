using System.Security.Claims;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Web.Features.Cases;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Workflows.Definitions;

namespace BekymringssamtaleService.UnitTests.Cases;

/// <summary>workflows/bekymringssamtale.yaml and the steps the host registers agree: one step per trigger a person may fire.</summary>
public sealed class StepTriggerCheckTests
{
    private static readonly string WorkflowFile = File.ReadAllText(RepositoryRoot.Combine("workflows", "bekymringssamtale.yaml"));

    [Fact]
    public void Every_trigger_a_person_may_fire_in_the_workflow_file_has_exactly_one_of_the_registered_steps()
    {
        Assert.Empty(StepTriggerCheck.Mismatches(Definition(WorkflowFile), RegisteredSteps()));
    }

    [Fact]
    public void The_steps_of_the_host_are_those_of_its_pages_one_slug_each()
    {
        var slugs = RegisteredSteps().Select(step => step.Slug).ToList();

        Assert.Equal(slugs.Distinct().Count(), slugs.Count);
        Assert.Contains("invite-again", slugs);
    }

    [Fact]
    public void A_trigger_a_person_may_fire_without_a_step_is_named()
    {
        var steps = RegisteredSteps().Where(step => step.Slug != "invite-again");

        Assert.Equal(
            ["The trigger 'InviteAgain' may be fired by Officer, but no step fires it."],
            StepTriggerCheck.Mismatches(Definition(WorkflowFile), steps));
    }

    [Fact]
    public void A_step_that_names_a_trigger_the_workflow_lacks_is_named()
    {
        IEnumerable<ICaseStep> steps = [.. RegisteredSteps(), new StrayStep("send-postcard", "SendPostcard")];

        Assert.Equal(
            ["The step 'send-postcard' fires the trigger 'SendPostcard', which the workflow does not have."],
            StepTriggerCheck.Mismatches(Definition(WorkflowFile), steps));
    }

    [Fact]
    public void A_trigger_fired_by_two_steps_is_named_with_both()
    {
        IEnumerable<ICaseStep> steps = [.. RegisteredSteps(), new StrayStep("resume-again", "Resume")];

        Assert.Equal(
            ["The trigger 'Resume' is fired by more than one step: resume, resume-again."],
            StepTriggerCheck.Mismatches(Definition(WorkflowFile), steps));
    }

    [Fact]
    public void A_trigger_only_the_system_fires_needs_no_step_and_no_step_may_fire_it()
    {
        var definition = Definition(WorkflowFile.Replace(
            "  # From any open step.",
            """
              - name: ReplyLapsed
                title: Svarfristen gikk ut
                from: [Invited]
                stay: true
                roles: [system]

              # From any open step.
            """,
            StringComparison.Ordinal));

        Assert.Empty(StepTriggerCheck.Mismatches(definition, RegisteredSteps()));
        Assert.Equal(
            ["The step 'lapse-reply' fires the trigger 'ReplyLapsed', which only the system may fire."],
            StepTriggerCheck.Mismatches(definition, [.. RegisteredSteps(), new StrayStep("lapse-reply", "ReplyLapsed")]));
    }

    private static WorkflowDefinition Definition(string yaml) =>
        new WorkflowDefinitionLoader(ConcernConversationVocabulary.Create()).Load("bekymringssamtale.yaml", yaml);

    /// <summary>The host's steps, made without their services: what a step fires does not depend on them.</summary>
    private static List<ICaseStep> RegisteredSteps() =>
    [
        .. CasesSetup.StepTypes.Select(type =>
        {
            var constructor = type.GetConstructors().Single();
            return (ICaseStep)constructor.Invoke(new object?[constructor.GetParameters().Length]);
        }),
    ];

    private sealed class StrayStep(string slug, string trigger) : CaseStep<object>
    {
        public override string Slug => slug;
        public override string Title => slug;
        public override IReadOnlyList<string> Triggers => [trigger];
        public override IReadOnlyList<FormField> Form => [];

        public override StepFiring Fire(CaseAtHand atHand, object request, ClaimsPrincipal user) => new(trigger, []);
    }
}
