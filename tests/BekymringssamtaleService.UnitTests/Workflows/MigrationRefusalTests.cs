using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Workflows.Definitions;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.UnitTests.Workflows;

/// <summary>The rule a migration's dry run applies to each instance, against the real definition.</summary>
public sealed class MigrationRefusalTests
{
    private static readonly WorkflowDefinition Current = new WorkflowDefinitionLoader(ConcernConversationVocabulary.Create())
        .Load("bekymringssamtale.yaml", File.ReadAllText(RepositoryRoot.Combine("workflows", "bekymringssamtale.yaml")));

    [Fact]
    public void An_instance_in_a_state_the_new_version_has_may_move()
    {
        Assert.Null(MigrationPlan.Refusal(Current, 2, "Invited", "ReadyToInvite"));
        Assert.Null(MigrationPlan.Refusal(Current, 2, "Registered", previousState: null));
    }

    [Fact]
    public void An_instance_in_a_state_the_new_version_lacks_is_refused()
    {
        Assert.Equal("Versjon 2 mangler steget Waiting.", MigrationPlan.Refusal(Current, 2, "Waiting", "Registered"));
    }

    [Fact]
    public void A_paused_instance_whose_step_to_resume_to_the_new_version_lacks_is_refused()
    {
        Assert.Equal(
            "Versjon 3 mangler steget Waiting, som saken går tilbake til.",
            MigrationPlan.Refusal(Current, 3, "Paused", "Waiting"));
    }
}
