using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Workflows.Definitions;
using BekymringssamtaleService.Workflows.Runtime;
using Npgsql;

namespace BekymringssamtaleService.Benchmarks;

/// <summary>
/// Transitions of real bekymringssamtale instances for a fixed time by a number of concurrent workers, each on its
/// own instances (no conflicts), each transition a full engine transaction: load, guard, versioned update, journal,
/// timers and tasks of the states left and entered. Prints transitions per second and the 99th percentile latency.
/// </summary>
internal static class EngineBenchmark
{
    private const int InstancesPerWorker = 50;

    public static async Task<(double TransitionsPerSecond, double P99Milliseconds, long Transitions)> RunAsync(
        string connectionString, string workflowFile, int workers, TimeSpan duration)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await WorkflowSchema.ApplyAsync(database, CancellationToken.None);
        var vocabulary = ConcernConversationVocabulary.Create();
        using var meter = new Meter("BekymringssamtaleService.Benchmarks");
        var engine = new WorkflowEngine(database, vocabulary, [], TimerCalendar.None, ActivityRetryPolicy.Default, new WorkflowMetrics(meter), TimeProvider.System);
        await engine.Definitions.PublishAsync(
            [new WorkflowDefinitionLoader(vocabulary).Load(Path.GetFileName(workflowFile), await File.ReadAllTextAsync(workflowFile))], CancellationToken.None);
        var runtime = engine.Transitions;
        var officer = new Actor("benchmark", ["Officer"]);

        var instances = new List<Guid>[workers];
        for (var worker = 0; worker < workers; worker++)
        {
            instances[worker] = [];
            for (var index = 0; index < InstancesPerWorker; index++)
            {
                instances[worker].Add(await runtime.StartAsync("bekymringssamtale", "OSLO-SENTRUM", [], officer, CancellationToken.None));
            }
        }

        using var stop = new CancellationTokenSource(duration);
        var latencies = new List<double>[workers];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            latencies[worker] = [];
            var paused = new bool[InstancesPerWorker];
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                var index = round % InstancesPerWorker;
                // Pause and resume from any step: a transition with a return to the previous state, as officers do it.
                var trigger = paused[index] ? "Resume" : "Pause";
                var input = paused[index] ? new System.Text.Json.Nodes.JsonObject() : new System.Text.Json.Nodes.JsonObject { ["reason"] = "Venter på skolen" };
                var started = Stopwatch.GetTimestamp();
                var outcome = await runtime.FireAsync(instances[worker][index], trigger, input, officer, CancellationToken.None);
                latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (outcome is not FireOutcome.Fired)
                {
                    throw new InvalidOperationException($"The benchmark's transition was not made: {outcome}");
                }

                paused[index] = !paused[index];
            }
        })));
        var elapsed = clock.Elapsed;

        var all = latencies.SelectMany(list => list).Order().ToList();
        var p99 = all[(int)Math.Ceiling(all.Count * 0.99) - 1];
        return (all.Count / elapsed.TotalSeconds, p99, all.Count);
    }

    public static string Format(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
