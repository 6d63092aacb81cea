using System.Diagnostics;
using OpenTelemetry.Trace;

namespace BekymringssamtaleService.Web.Observability;

/// <summary>
/// The sampler for spans that start a trace: a database command with no request, step or outbox batch around it is
/// dropped — those are the pollers' idle checks (the due-work pump's and Hangfire's, every second on every host) and
/// start-up work — and everything else is kept. Within a trace the parent decides (<see cref="ParentBasedSampler"/>).
/// </summary>
public sealed class UnparentedDatabaseCommandsDropped : Sampler
{
    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        new(samplingParameters.Kind == ActivityKind.Client ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
}
