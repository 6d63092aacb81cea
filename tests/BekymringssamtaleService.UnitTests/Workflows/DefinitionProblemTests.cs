using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Workflows.Definitions;

namespace BekymringssamtaleService.UnitTests.Workflows;

/// <summary>Each kind of bad definition file stops loading with the file, the line and a reason a person can act on.</summary>
public sealed class DefinitionProblemTests
{
    private const string ValidDefinition = """
        name: probe
        title: Probe
        initial: Registered
        states:
          - name: Registered
            title: Registrert
          - name: Invited
            title: Innkalt
            timers:
              - name: Reminder
                from: meetingStart
                offset: -P3D
                run: { activity: sendLetter, with: { letter: reminder } }
          - name: Closed
            title: Avsluttet
            final: true
        triggers:
          - name: Invite
            title: Kall inn
            from: [Registered]
            to: Invited
            roles: [Officer]
            input:
              meetingStart: { type: instant }
          - name: Close
            title: Avslutt
            from: [Invited]
            to: Closed
            roles: [Officer]
        """;

    private static readonly WorkflowDefinitionLoader Loader = new(ConcernConversationVocabulary.Create());

    [Fact]
    public void The_valid_probe_definition_loads()
    {
        var definition = Loader.Load("probe.yaml", ValidDefinition);

        Assert.Equal(["Registered", "Invited", "Closed"], definition.States.Select(state => state.Name));
        Assert.Equal(TimeSpan.FromDays(-3), definition.State("Invited").Timers.Single().Offset);
    }

    [Theory]
    [InlineData("an unclosed quote", "    title: Registrert", "    title: \"Registrert", 6, "YAML syntax")]
    [InlineData("an unclosed bracket", "    title: Registrert", "    title: [Registrert", 6, "YAML syntax: The YAML is malformed near here")]
    [InlineData("a missing required property", "initial: Registered\n", "", 1, "Required properties [\"initial\"] are not present")]
    [InlineData("an unknown property", "    title: Innkalt", "    title: Innkalt\n    colour: blue", 9, "states.1.colour: is not a known property here")]
    [InlineData("a duration that is not ISO 8601", "offset: -P3D", "offset: 3 days", 12, "states.1.timers.0.offset")]
    [InlineData("a state name in the wrong case", "  - name: Closed", "  - name: closed", 14, "states.2.name")]
    [InlineData("a role that does not exist", "roles: [Officer]\n    input", "roles: [Janitor]\n    input", 22, "triggers.0.roles.0")]
    [InlineData("a choice input without choices", "meetingStart: { type: instant }", "meetingStart: { type: choice }", 24, "triggers.0.input.meetingStart")]
    [InlineData("an unknown initial state", "initial: Registered", "initial: Started", 3, "The initial state 'Started' is not among the states.")]
    [InlineData("a trigger to an unknown state", "    to: Closed", "    to: Finished", 28, "leads to the unknown state 'Finished'")]
    [InlineData("a trigger from an unknown state", "from: [Invited]", "from: [Waiting]", 27, "starts from the unknown state 'Waiting'")]
    [InlineData("a trigger from a final state", "from: [Invited]", "from: [Closed]", 27, "starts from the final state 'Closed'")]
    [InlineData("an unknown guard", "    roles: [Officer]\n    input", "    roles: [Officer]\n    guard: isMonday\n    input", 23, "unknown guard 'isMonday'")]
    [InlineData("an unknown activity", "activity: sendLetter", "activity: sendPigeon", 13, "The activity 'sendPigeon' is not registered.")]
    [InlineData("an activity input of the wrong kind", "letter: reminder", "letter: postcard", 13, "does not fit SendLetterInput")]
    [InlineData("a timer counting from an instant no trigger takes", "from: meetingStart", "from: birthday", 11, "counts from 'birthday'")]
    [InlineData("a timer that fires an unknown trigger", "run: { activity: sendLetter, with: { letter: reminder } }", "fire: Remind", 13, "fires the unknown trigger 'Remind'")]
    [InlineData("a createTask answered by an unknown trigger", "run: { activity: sendLetter, with: { letter: reminder } }", "run: { activity: createTask, with: { title: Ring, candidateRole: Officer, due: P1D, answeredBy: [Reply] } }", 13, "names the unknown trigger 'Reply'")]
    [InlineData("a state task answered by an unknown trigger", "    title: Registrert", "    title: Registrert\n    tasks:\n      - name: Book\n        title: Book tid\n        candidateRole: Officer\n        due: P1D\n        answeredBy: [Sent]", 12, "answered by the unknown trigger 'Sent'")]
    [InlineData("a state name used twice", "  - name: Closed", "  - name: Invited", 4, "The state name 'Invited' is used more than once.")]
    [InlineData("a key given twice", "    title: Innkalt", "    title: Innkalt\n    title: Invitert", 9, "YAML syntax: Duplicate key title")]
    public void A_definition_with_a_problem_is_refused_with_line_and_reason(string problem, string replace, string with, int line, string reason)
    {
        Assert.Contains(replace, ValidDefinition, StringComparison.Ordinal);
        var broken = ValidDefinition.Replace(replace, with, StringComparison.Ordinal);

        var exception = Assert.Throws<WorkflowDefinitionException>(() => Loader.Load("probe.yaml", broken));

        Assert.True(
            exception.Problems.Any(found => found.File == "probe.yaml" && found.Line == line && found.Reason.Contains(reason, StringComparison.Ordinal)),
            $"{problem}: expected line {line} with '{reason}', got:\n{exception.Message}");
    }

    [Fact]
    public void A_final_state_with_a_timer_is_refused()
    {
        var broken = ValidDefinition.Replace(
            "    final: true",
            "    final: true\n    timers:\n      - name: Late\n        offset: P1D\n        fire: Close",
            StringComparison.Ordinal);

        var exception = Assert.Throws<WorkflowDefinitionException>(() => Loader.Load("probe.yaml", broken));

        Assert.Contains(exception.Problems, found => found.Line == 14 && found.Reason.Contains("cannot have timers or tasks", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_with_one_bad_file_publishes_nothing_and_names_the_bad_file()
    {
        var folder = Directory.CreateTempSubdirectory("workflows-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "good.yaml"), ValidDefinition);
            File.WriteAllText(Path.Combine(folder, "bad.yaml"), ValidDefinition.Replace("name: probe", "name: other\nextra: 1", StringComparison.Ordinal));

            var exception = Assert.Throws<WorkflowDefinitionException>(() => Loader.LoadFolder(folder));

            Assert.All(exception.Problems, found => Assert.Equal("bad.yaml", found.File));
            Assert.Contains("bad.yaml:2:", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_content_hash_changes_when_the_file_changes_and_only_then()
    {
        var first = Loader.Load("probe.yaml", ValidDefinition);
        var same = Loader.Load("probe.yaml", ValidDefinition);
        var changed = Loader.Load("probe.yaml", ValidDefinition.Replace("title: Probe", "title: Probe 2", StringComparison.Ordinal));

        Assert.Equal(first.ContentHash, same.ContentHash);
        Assert.NotEqual(first.ContentHash, changed.ContentHash);
    }
}
