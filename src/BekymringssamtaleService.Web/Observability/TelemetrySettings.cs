using System.ComponentModel.DataAnnotations;

namespace BekymringssamtaleService.Web.Observability;

/// <summary>
/// The section "Telemetry": where traces and metrics go. Without <see cref="OtlpEndpoint"/> nothing is collected or
/// exported. With it, the exporter still reads the standard OTEL_EXPORTER_OTLP_HEADERS and OTEL_EXPORTER_OTLP_TIMEOUT
/// (a collector's credentials stay out of this file), and OTEL_RESOURCE_ATTRIBUTES adds to the resource.
/// </summary>
public sealed class TelemetrySettings : IValidatableObject
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// The OpenTelemetry collector's OTLP/HTTP base address (http/protobuf), e.g. http://otel-collector:4318: traces go
    /// to /v1/traces and metrics to /v1/metrics under it. Empty: no telemetry is exported.
    /// </summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>How often metrics are exported, and how long finished spans wait to be sent in a batch at most.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Telemetry:ExportInterval must be between 00:00:00.100 and 00:05:00.")]
    public TimeSpan ExportInterval { get; init; } = TimeSpan.FromSeconds(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OtlpEndpoint is not null && !(OtlpEndpoint.IsAbsoluteUri && OtlpEndpoint.Scheme is "http" or "https"))
        {
            yield return new ValidationResult(
                "Telemetry:OtlpEndpoint must be an absolute http or https address, e.g. http://otel-collector:4318.", [nameof(OtlpEndpoint)]);
        }
    }

    /// <summary>The address of one signal under the base address (OTLP/HTTP's /v1/traces, /v1/metrics).</summary>
    internal Uri SignalEndpoint(string signal) => new($"{OtlpEndpoint!.AbsoluteUri.TrimEnd('/')}/v1/{signal}");
}
