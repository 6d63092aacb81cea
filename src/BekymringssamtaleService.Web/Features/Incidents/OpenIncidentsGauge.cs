using System.Diagnostics.Metrics;
using BekymringssamtaleService.Web.Observability;
using Npgsql;

namespace BekymringssamtaleService.Web.Features.Incidents;

/// <summary>
/// The incidents open on the incidents page, as a gauge read when metrics are collected: activities whose every attempt
/// failed and letters that failed every attempt, by kind. One cheap count per collection, none while nothing listens.
/// Every host reports the same figure (it is the database's): take the maximum across hosts, not the sum.
/// </summary>
public sealed partial class OpenIncidentsGauge
{
    public const string Name = "bekymring.incidents.open";
    public const string KindTag = "bekymring.incident.kind";

    private readonly NpgsqlDataSource _database;
    private readonly ILogger<OpenIncidentsGauge> _logger;

    public OpenIncidentsGauge(ServiceMeter meter, NpgsqlDataSource database, ILogger<OpenIncidentsGauge> logger)
    {
        _database = database;
        _logger = logger;
        meter.Meter.CreateObservableGauge(Name, Count, "{incident}", "Incidents open: failed workflow activities and letters whose every attempt failed.");
    }

    private IEnumerable<Measurement<long>> Count()
    {
        try
        {
            // Collection runs on the exporter's own thread, which waits for the answer either way.
            using var command = _database.CreateCommand(
                """
                SELECT (SELECT count(*) FROM workflow.activity_executions WHERE status = 'failed'),
                       (SELECT count(*) FROM letters WHERE status = 'Failed')
                """);
            command.CommandTimeout = 5;
            using var reader = command.ExecuteReader();
            reader.Read();
            return
            [
                new Measurement<long>(reader.GetInt64(0), new KeyValuePair<string, object?>(KindTag, "activity")),
                new Measurement<long>(reader.GetInt64(1), new KeyValuePair<string, object?>(KindTag, "letter")),
            ];
        }
        catch (NpgsqlException exception)
        {
            // The database is away: no figure this time rather than a wrong one; the health checks say why.
            LogUnavailable(_logger, exception.GetType().Name);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The open incidents could not be counted ({Failure}); the gauge has no figure this time")]
    private static partial void LogUnavailable(ILogger logger, string failure);
}
