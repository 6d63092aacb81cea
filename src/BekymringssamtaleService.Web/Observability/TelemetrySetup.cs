using System.Reflection;
using BekymringssamtaleService.Web.Features.Incidents;
using BekymringssamtaleService.Web.Letters;
using BekymringssamtaleService.Workflows.Runtime;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BekymringssamtaleService.Web.Observability;

/// <summary>
/// OpenTelemetry traces and metrics, exported over OTLP (http/protobuf) when <see cref="TelemetrySettings.OtlpEndpoint"/>
/// is set, and not collected at all otherwise. Traces: requests (named by their route template), database commands
/// (parameterised SQL; the pollers' idle checks left out), workflow steps and due timers, the outbox's batches and
/// letters. Metrics: the service's own meter (<see cref="ServiceMeter"/>), ASP.NET Core, Npgsql and the runtime.
/// Attributes are codes, ids, states and routes only: <see cref="PersonalDataRedaction"/> drops any other.
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "BekymringssamtaleService";

    private const string AspNetCoreSource = "Microsoft.AspNetCore";
    private const string NpgsqlSource = "Npgsql";

    private static readonly string[] TracedSources = [AspNetCoreSource, NpgsqlSource, WorkflowTracing.SourceName, OutboxTracing.SourceName];

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ServiceMeter>();
        builder.Services.AddSingleton<OpenIncidentsGauge>();
        builder.Services.AddOptions<TelemetrySettings>()
            .BindConfiguration(TelemetrySettings.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var settings = builder.Configuration.GetSection(TelemetrySettings.SectionName).Get<TelemetrySettings>() ?? new TelemetrySettings();
        if (settings.OtlpEndpoint is null)
        {
            return builder;
        }

        var interval = (int)settings.ExportInterval.TotalMilliseconds;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: Version()))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new UnparentedDatabaseCommandsDropped()))
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddNpgsql()
                .AddSource(WorkflowTracing.SourceName, OutboxTracing.SourceName)
                .AddInstrumentation(() => new ExceptionMessagesWithheld(TracedSources))
                .AddProcessor<PersonalDataRedaction>()
                .AddOtlpExporter(exporter =>
                {
                    Export(exporter, settings.SignalEndpoint("traces"));
                    exporter.BatchExportProcessorOptions.ScheduledDelayMilliseconds = interval;
                }))
            .WithMetrics(metrics => metrics
                .AddMeter(ServiceMeter.Name)
                .AddInstrumentation(provider => provider.GetRequiredService<OpenIncidentsGauge>())
                .AddAspNetCoreInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter((exporter, reader) =>
                {
                    Export(exporter, settings.SignalEndpoint("metrics"));
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
                }));
        return builder;
    }

    private static void Export(OtlpExporterOptions exporter, Uri endpoint)
    {
        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = endpoint;
    }

    private static string Version() =>
        typeof(TelemetrySetup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
