using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Xml;
using Json.Schema;
using YamlDotNet.Core;

namespace BekymringssamtaleService.Workflows.Definitions;

/// <summary>
/// Reads a definition file: YAML syntax, then the JSON Schema in workflows/schema, then the rules a schema cannot
/// state (names that must refer to something, activity inputs of the right type). Every problem is reported with
/// the file and line; a definition with any problem is not returned, so nothing of it can be published.
/// </summary>
public sealed class WorkflowDefinitionLoader(WorkflowVocabulary vocabulary)
{
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    // JsonSchema.Net resolves references lazily on first use; evaluations that race on a fresh schema have been seen
    // to miss a $ref (a role outside the enum passed). Definitions are loaded rarely: one at a time is plenty.
    private static readonly Lock SchemaGate = new();

    /// <summary>How an activity's `with` is read into its input record, at load time and when the activity runs.</summary>
    public static readonly JsonSerializerOptions ActivityInputOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Every *.yaml file directly in the folder; problems of all files are reported together.</summary>
    public IReadOnlyList<WorkflowDefinition> LoadFolder(string folder)
    {
        var definitions = new List<WorkflowDefinition>();
        var problems = new List<DefinitionProblem>();
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            try
            {
                definitions.Add(Load(Path.GetFileName(file), File.ReadAllText(file)));
            }
            catch (WorkflowDefinitionException exception)
            {
                problems.AddRange(exception.Problems);
            }
        }

        var duplicate = definitions.GroupBy(definition => definition.Name).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            problems.Add(new DefinitionProblem(folder, 1, $"Two files define the workflow '{duplicate.Key}'."));
        }

        return problems.Count == 0 ? definitions : throw new WorkflowDefinitionException(problems);
    }

    public WorkflowDefinition Load(string file, string text)
    {
        YamlDocument document;
        try
        {
            document = YamlDocument.Parse(text);
        }
        catch (YamlException exception)
        {
            throw new WorkflowDefinitionException([new DefinitionProblem(file, (int)exception.Start.Line, "YAML syntax: " + Innermost(exception).Message)]);
        }

        var schemaProblems = CheckSchema(file, document);
        if (schemaProblems.Count > 0)
        {
            throw new WorkflowDefinitionException(schemaProblems);
        }

        var definition = Map((JsonObject)document.Root!, ContentHash(text), text);
        var ruleProblems = new RuleCheck(file, document, vocabulary, definition).Run();
        return ruleProblems.Count == 0 ? definition : throw new WorkflowDefinitionException(ruleProblems);
    }

    private static Exception Innermost(Exception exception) =>
        exception.InnerException is YamlException inner ? Innermost(inner) : exception;

    private static List<DefinitionProblem> CheckSchema(string file, YamlDocument document)
    {
        if (document.Root is not JsonObject)
        {
            return [new DefinitionProblem(file, 1, "The file must hold one mapping with name, title, initial, states and triggers.")];
        }

        EvaluationResults results;
        lock (SchemaGate)
        {
            results = Schema.Value.Evaluate(document.Root, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        }

        var problems = new List<DefinitionProblem>();
        CollectFailures(results, file, document, problems);
        return [.. problems.DistinctBy(problem => problem.ToString())];
    }

    // Only failed branches are walked: a oneOf that passed leaves no trace of its other alternatives.
    private static void CollectFailures(EvaluationResults result, string file, YamlDocument document, List<DefinitionProblem> problems)
    {
        if (result.IsValid)
        {
            return;
        }

        var pointer = result.InstanceLocation.ToString();
        foreach (var (keyword, message) in result.Errors ?? new Dictionary<string, string>())
        {
            problems.Add(new DefinitionProblem(file, document.LineOf(pointer), $"{Describe(pointer)}: {Explain(keyword, message)}"));
        }

        foreach (var detail in result.Details ?? [])
        {
            CollectFailures(detail, file, document, problems);
        }
    }

    // The schema library's wording for a property that additionalProperties: false refuses.
    private static string Explain(string keyword, string message) =>
        keyword == "false" || message.Contains("false schema", StringComparison.Ordinal) ? "is not a known property here" : message;

    private static string Describe(string pointer) => pointer.Length == 0 ? "the file" : pointer.TrimStart('/').Replace('/', '.');

    private static string ContentHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static JsonSchema LoadSchema()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("workflow.schema.json")
            ?? throw new InvalidOperationException("The workflow schema is not embedded in the engine.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    }

    private static WorkflowDefinition Map(JsonObject root, string contentHash, string source) => new(
        Text(root, "name"),
        Text(root, "title"),
        Text(root, "initial"),
        root["taskEscalation"] is JsonObject escalation ? new TaskEscalation(Duration(Text(escalation, "after")), Text(escalation, "to")) : null,
        [.. root["states"]!.AsArray().Select(node => MapState(node!.AsObject()))],
        [.. root["triggers"]!.AsArray().Select(node => MapTrigger(node!.AsObject()))],
        contentHash,
        source);

    private static StateDefinition MapState(JsonObject state) => new(
        Text(state, "name"),
        Text(state, "title"),
        state["final"]?.GetValue<bool>() ?? false,
        Calls(state["onEntry"]),
        Calls(state["onExit"]),
        [.. (state["timers"]?.AsArray() ?? []).Select(node => MapTimer(node!.AsObject()))],
        [.. (state["tasks"]?.AsArray() ?? []).Select(node => MapTask(node!.AsObject()))]);

    private static TimerDefinition MapTimer(JsonObject timer) => new(
        Text(timer, "name"),
        timer["from"]?.GetValue<string>() ?? TimerDefinition.StateEntered,
        Duration(Text(timer, "offset")),
        timer["fire"]?.GetValue<string>(),
        timer["run"] is JsonObject run ? Call(run) : null,
        timer["quietHours"]?.GetValue<bool>() ?? false,
        timer["workingDaysOnly"]?.GetValue<bool>() ?? false);

    private static UserTaskDefinition MapTask(JsonObject task) => new(
        Text(task, "name"),
        Text(task, "title"),
        Text(task, "candidateRole"),
        Duration(Text(task, "due")),
        task["completes"]?.GetValue<string>(),
        task["escalateAfter"] is JsonValue escalateAfter ? Duration(escalateAfter.GetValue<string>()) : null,
        [.. (task["answeredBy"]?.AsArray() ?? []).Select(trigger => trigger!.GetValue<string>())]);

    private static TriggerDefinition MapTrigger(JsonObject trigger) => new(
        Text(trigger, "name"),
        Text(trigger, "title"),
        trigger["from"] is JsonArray from ? [.. from.Select(node => node!.GetValue<string>())] : null,
        trigger["to"]?.GetValue<string>(),
        [.. trigger["roles"]!.AsArray().Select(node => node!.GetValue<string>())],
        trigger["guard"]?.GetValue<string>(),
        (trigger["input"]?.AsObject() ?? []).ToDictionary(
            field => field.Key,
            field => new InputField(
                Enum.Parse<InputType>(Text(field.Value!.AsObject(), "type"), ignoreCase: true),
                field.Value!["required"]?.GetValue<bool>() ?? true,
                [.. (field.Value!["choices"]?.AsArray() ?? []).Select(choice => choice!.GetValue<string>())])),
        (JsonObject?)trigger["set"]?.DeepClone() ?? [],
        Calls(trigger["activities"]),
        trigger["done"]?.GetValue<string>(),
        trigger["notBy"]?.GetValue<string>());

    private static List<ActivityCall> Calls(JsonNode? node) => [.. (node?.AsArray() ?? []).Select(call => Call(call!.AsObject()))];

    private static ActivityCall Call(JsonObject call) =>
        new(Text(call, "activity"), (JsonObject?)call["with"]?.DeepClone() ?? []);

    private static string Text(JsonObject node, string property) => node[property]!.GetValue<string>();

    private static TimeSpan Duration(string iso8601) => XmlConvert.ToTimeSpan(iso8601);

    /// <summary>The rules beyond the schema, each reported at the line of the node that breaks it.</summary>
    private sealed class RuleCheck(string file, YamlDocument document, WorkflowVocabulary vocabulary, WorkflowDefinition definition)
    {
        private readonly List<DefinitionProblem> _problems = [];
        private readonly HashSet<string> _states = [.. definition.States.Select(state => state.Name)];
        private readonly HashSet<string> _triggers = [.. definition.Triggers.Select(trigger => trigger.Name)];

        public List<DefinitionProblem> Run()
        {
            if (!_states.Contains(definition.Initial))
            {
                Problem("/initial", $"The initial state '{definition.Initial}' is not among the states.");
            }

            Duplicates(definition.States.Select(state => state.Name), "/states", "state");
            Duplicates(definition.Triggers.Select(trigger => trigger.Name), "/triggers", "trigger");
            var instants = definition.Triggers.SelectMany(trigger => trigger.Input)
                .Where(field => field.Value.Type == InputType.Instant).Select(field => field.Key).ToHashSet(StringComparer.Ordinal);

            for (var index = 0; index < definition.States.Count; index++)
            {
                CheckState(definition.States[index], $"/states/{index}", instants);
            }

            for (var index = 0; index < definition.Triggers.Count; index++)
            {
                CheckTrigger(definition.Triggers[index], $"/triggers/{index}");
            }

            return _problems;
        }

        private void CheckState(StateDefinition state, string pointer, HashSet<string> instants)
        {
            if (state.Final && (state.Timers.Count > 0 || state.Tasks.Count > 0))
            {
                Problem(pointer, $"The final state '{state.Name}' cannot have timers or tasks: nothing happens after it.");
            }

            CheckCalls(state.OnEntry, pointer + "/onEntry");
            CheckCalls(state.OnExit, pointer + "/onExit");
            Duplicates(state.Timers.Select(timer => timer.Name).Concat(state.Tasks.Select(task => task.Name)), pointer, "timer or task");
            for (var index = 0; index < state.Timers.Count; index++)
            {
                var timer = state.Timers[index];
                var timerPointer = $"{pointer}/timers/{index}";
                if (timer.From != TimerDefinition.StateEntered && !instants.Contains(timer.From))
                {
                    Problem(timerPointer + "/from", $"The timer '{timer.Name}' counts from '{timer.From}', which no trigger takes as an instant input.");
                }

                if (timer.Fire is not null && !_triggers.Contains(timer.Fire))
                {
                    Problem(timerPointer + "/fire", $"The timer '{timer.Name}' fires the unknown trigger '{timer.Fire}'.");
                }
                else if (timer.Fire is not null && !definition.Trigger(timer.Fire).Roles.Contains(TriggerDefinition.SystemRole))
                {
                    Problem(timerPointer + "/fire", $"The timer '{timer.Name}' fires '{timer.Fire}', whose roles lack \"system\".");
                }

                if (timer.Run is not null)
                {
                    CheckCall(timer.Run, timerPointer + "/run");
                }
            }

            for (var index = 0; index < state.Tasks.Count; index++)
            {
                var task = state.Tasks[index];
                if (task.Completes is not null && !_triggers.Contains(task.Completes))
                {
                    Problem($"{pointer}/tasks/{index}/completes", $"The task '{task.Name}' completes with the unknown trigger '{task.Completes}'.");
                }

                foreach (var (answer, answerIndex) in task.AnsweredBy.Select((answer, answerIndex) => (answer, answerIndex)).Where(pair => !_triggers.Contains(pair.answer)))
                {
                    Problem($"{pointer}/tasks/{index}/answeredBy/{answerIndex}", $"The task '{task.Name}' is answered by the unknown trigger '{answer}'.");
                }

                if (task.EscalateAfter is not null && definition.TaskEscalation is null)
                {
                    Problem($"{pointer}/tasks/{index}/escalateAfter", $"The task '{task.Name}' has escalateAfter, but the workflow has no taskEscalation that says to whom.");
                }
            }
        }

        private void CheckTrigger(TriggerDefinition trigger, string pointer)
        {
            foreach (var (from, index) in (trigger.From ?? []).Select((from, index) => (from, index)))
            {
                if (!_states.Contains(from))
                {
                    Problem($"{pointer}/from/{index}", $"The trigger '{trigger.Name}' starts from the unknown state '{from}'.");
                }
                else if (definition.State(from).Final)
                {
                    Problem($"{pointer}/from/{index}", $"The trigger '{trigger.Name}' starts from the final state '{from}'.");
                }
                else if (trigger.ReturnsToPrevious && definition.Initial == from)
                {
                    Problem($"{pointer}/from/{index}", $"The trigger '{trigger.Name}' returns to the previous state from the initial state, which has none.");
                }
            }

            if (trigger.To is not null && !trigger.ReturnsToPrevious && !_states.Contains(trigger.To))
            {
                Problem(pointer + "/to", $"The trigger '{trigger.Name}' leads to the unknown state '{trigger.To}'.");
            }

            if (trigger.NotBy is not null && !_triggers.Contains(trigger.NotBy))
            {
                Problem(pointer + "/notBy", $"The trigger '{trigger.Name}' may not be fired by whoever fired the unknown trigger '{trigger.NotBy}'.");
            }

            if (trigger.Guard is not null && !vocabulary.TryGetGuard(trigger.Guard, out _))
            {
                Problem(pointer + "/guard", $"The trigger '{trigger.Name}' names the unknown guard '{trigger.Guard}'.");
            }

            CheckCalls(trigger.Activities, pointer + "/activities");
        }

        private void CheckCalls(IReadOnlyList<ActivityCall> calls, string pointer)
        {
            for (var index = 0; index < calls.Count; index++)
            {
                CheckCall(calls[index], $"{pointer}/{index}");
            }
        }

        private void CheckCall(ActivityCall call, string pointer)
        {
            if (!vocabulary.TryGetActivity(call.Activity, out var activity))
            {
                Problem(pointer + "/activity", $"The activity '{call.Activity}' is not registered.");
                return;
            }

            try
            {
                var input = call.With.Deserialize(activity.InputType, ActivityInputOptions);
                if (input is null)
                {
                    Problem(pointer, $"The activity '{call.Activity}' needs its input under 'with'.");
                }

                foreach (var trigger in (input as INamesTriggers)?.Triggers.Where(trigger => !_triggers.Contains(trigger)) ?? [])
                {
                    Problem(pointer + "/with", $"The input of the activity '{call.Activity}' names the unknown trigger '{trigger}'.");
                }
            }
            catch (JsonException exception)
            {
                Problem(pointer + "/with", $"The input of the activity '{call.Activity}' does not fit {activity.InputType.Name}: {exception.Message}");
            }
        }

        private void Duplicates(IEnumerable<string> names, string pointer, string kind)
        {
            foreach (var name in names.GroupBy(name => name).Where(group => group.Count() > 1).Select(group => group.Key))
            {
                Problem(pointer, $"The {kind} name '{name}' is used more than once.");
            }
        }

        private void Problem(string pointer, string reason) => _problems.Add(new DefinitionProblem(file, document.LineOf(pointer), reason));
    }
}
