using System.Diagnostics;
using OpenTelemetry;

namespace BekymringssamtaleService.Web.Observability;

/// <summary>
/// The last check before a span leaves the host: it keeps only the attributes known to carry codes, ids, routes and
/// parameterised SQL, and drops every other — the raw path and query string, the client's address and user agent, and
/// whatever an instrumentation adds in a later version. An error's status keeps its code but not its description
/// (Npgsql puts the exception's message there). Exception events are made without their message by
/// <see cref="ExceptionMessagesWithheld"/>.
/// </summary>
public sealed class PersonalDataRedaction : BaseProcessor<Activity>
{
    /// <summary>Our own spans' attributes, and Npgsql's own (data source name, connection id, prepared).</summary>
    private static readonly string[] AllowedPrefixes = ["bekymring.", "db.npgsql."];

    private static readonly HashSet<string> Allowed =
    [
        "http.request.method",
        "http.route",
        "http.response.status_code",
        "url.scheme",
        "server.address",
        "server.port",
        "network.protocol.version",
        "error.type",
        "db.system.name",
        "db.namespace",
        "db.operation.name",
        "db.collection.name",
        "db.query.text",
        "db.response.status_code",
    ];

    public override void OnEnd(Activity data)
    {
        var withheld = data.TagObjects.Select(tag => tag.Key).Where(key => !IsAllowed(key)).ToList();
        foreach (var key in withheld)
        {
            data.SetTag(key, null);
        }

        if (data.Status == ActivityStatusCode.Error)
        {
            data.SetStatus(ActivityStatusCode.Error);
        }
    }

    public static bool IsAllowed(string key) =>
        Allowed.Contains(key) || AllowedPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal));
}

/// <summary>
/// Records an exception on a span (<see cref="Activity.AddException"/>, as Npgsql does on a failed command) with its
/// type and stack trace but not its message: PostgreSQL's messages can quote the values of a row.
/// </summary>
public sealed class ExceptionMessagesWithheld : IDisposable
{
    private readonly ActivityListener _listener;

    /// <summary>Listens to the sources named (those traced): a listener to every source would make each think it is traced.</summary>
    public ExceptionMessagesWithheld(IReadOnlyCollection<string> sourceNames)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => sourceNames.Contains(source.Name),
            ExceptionRecorder = (Activity _, Exception exception, ref TagList tags) =>
            {
                // Set first, so AddException does not add the message and the full ToString() (which repeats it).
                tags.Add("exception.message", exception.GetType().Name);
                tags.Add("exception.stacktrace", exception.StackTrace ?? "");
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();
}
