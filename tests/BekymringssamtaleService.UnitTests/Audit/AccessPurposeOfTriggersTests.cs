using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Workflows.Definitions;

namespace BekymringssamtaleService.UnitTests.Audit;

public sealed class AccessPurposeOfTriggersTests
{
    private static readonly WorkflowDefinition Definition = new WorkflowDefinitionLoader(ConcernConversationVocabulary.Create()).Load(
        "bekymringssamtale.yaml", File.ReadAllText(RepositoryRoot.Combine("workflows", "bekymringssamtale.yaml")));

    [Fact]
    public void Exactly_the_Leads_decisions_on_an_attendance_order_or_a_fetch_are_logged_as_approval()
    {
        var approvals = Definition.Triggers.Where(trigger => CaseWorkflow.PurposeOf(trigger.Name) == AccessPurpose.Approval).Select(trigger => trigger.Name);

        Assert.Equal(["ApproveAttendanceOrder", "RejectAttendanceOrder", "ApproveFetch", "RejectFetch"], approvals);
        Assert.All(approvals, name => Assert.Equal(["Lead"], Definition.Trigger(name).Roles));
        Assert.Equal(AccessPurpose.Casework, CaseWorkflow.PurposeOf(null));
    }
}
