using System.Text.Json;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Tasks;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Web.Features.Cases.Close;
using BekymringssamtaleService.Workflows.Definitions;

namespace BekymringssamtaleService.UnitTests.Domain;

/// <summary>Tracks, close outcomes and task statuses keep the names the workflow file, the stored data and the API use.</summary>
public sealed class VocabularyTests
{
    private static readonly WorkflowDefinition Workflow = new WorkflowDefinitionLoader(ConcernConversationVocabulary.Create())
        .Load("bekymringssamtale.yaml", File.ReadAllText(RepositoryRoot.Combine("workflows", "bekymringssamtale.yaml")));

    [Fact]
    public void Each_vocabulary_writes_the_camelCase_names_the_API_writes_for_its_values()
    {
        Assert.All(Enum.GetValues<Track>(), track => Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(track.ToString()), track.WireName()));
        Assert.All(Enum.GetValues<CloseOutcome>(), outcome => Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(outcome.ToString()), outcome.WireName()));
        Assert.All(Enum.GetValues<UserTaskStatus>(), status => Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(status.ToString()), status.WireName()));
    }

    [Fact]
    public void A_name_read_back_is_the_same_value_and_an_unknown_name_is_none()
    {
        Assert.All(Enum.GetValues<Track>(), track => Assert.Equal(track, TrackNames.FromWireName(track.WireName())));
        Assert.All(Enum.GetValues<CloseOutcome>(), outcome => Assert.Equal(outcome, CloseOutcomeNames.FromWireName(outcome.WireName())));
        Assert.All(Enum.GetValues<UserTaskStatus>(), status => Assert.Equal(status, UserTaskStatusNames.FromWireName(status.WireName())));
        Assert.Null(TrackNames.FromWireName("Voluntary"));
        Assert.Null(CloseOutcomeNames.FromWireName(null));
    }

    [Fact]
    public void The_tracks_are_those_the_workflow_file_sets()
    {
        var set = Workflow.Triggers.Select(trigger => trigger.Set["track"]?.GetValue<string>()).OfType<string>().Order(StringComparer.Ordinal);

        Assert.Equal(Enum.GetValues<Track>().Select(track => track.WireName()).Order(StringComparer.Ordinal), set);
    }

    [Fact]
    public void The_close_outcomes_are_the_choices_of_the_workflows_close_input_and_each_has_a_label()
    {
        Assert.Equal(Enum.GetValues<CloseOutcome>().Select(outcome => outcome.WireName()), Workflow.Trigger("Close").Input["outcome"].Choices);
        Assert.Equal(Enum.GetValues<CloseOutcome>(), Close.Outcomes.Select(o => o.Outcome));
    }
}
