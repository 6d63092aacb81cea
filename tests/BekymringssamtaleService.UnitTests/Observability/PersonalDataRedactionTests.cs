using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using BekymringssamtaleService.Web.Observability;

namespace BekymringssamtaleService.UnitTests.Observability;

/// <summary>What a span may carry when it leaves the host: codes, ids, routes and parameterised SQL; never a message or a raw URL.</summary>
public sealed class PersonalDataRedactionTests : IDisposable
{
    private const string Personal = "Nora Testesen, 01020312345, nora@example.com";

    // A source of this test's own: the listeners below see no other test's spans.
    private readonly ActivitySource _source = new($"{nameof(PersonalDataRedactionTests)}.{Guid.NewGuid():N}");
    private readonly ActivityListener _sampling;
    private readonly ExceptionMessagesWithheld _withheld;

    public PersonalDataRedactionTests()
    {
        _sampling = new ActivityListener
        {
            ShouldListenTo = source => source == _source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_sampling);
        _withheld = new ExceptionMessagesWithheld([_source.Name]);
    }

    [Fact]
    public void An_exception_recorded_on_a_span_keeps_its_type_and_stack_trace_but_not_its_message()
    {
        using var span = _source.StartActivity("postgresql")!;

        span.AddException(Thrown(new InvalidOperationException($"23505: duplicate key value: ({Personal})")));

        var recorded = Assert.Single(span.Events);
        Assert.Equal("exception", recorded.Name);
        var tags = recorded.Tags.ToDictionary(tag => tag.Key, tag => tag.Value?.ToString());
        Assert.Equal("System.InvalidOperationException", tags["exception.type"]);
        Assert.Equal(nameof(InvalidOperationException), tags["exception.message"]);
        Assert.Contains(nameof(Thrown), tags["exception.stacktrace"], StringComparison.Ordinal);
        Assert.DoesNotContain(tags.Values, value => value!.Contains("Nora", StringComparison.Ordinal));
    }

    [Fact]
    public void A_finished_span_keeps_its_route_status_and_SQL_and_loses_the_raw_path_query_client_and_error_description()
    {
        using var span = _source.StartActivity("POST /api/v1/cases")!;
        span.SetTag("http.request.method", "POST")
            .SetTag("http.route", "/api/v1/cases/")
            .SetTag("http.response.status_code", 500)
            .SetTag("db.query.text", "SELECT id FROM letters WHERE id = $1")
            .SetTag("bekymring.letter.id", "0b7c")
            .SetTag("url.path", "/saker/Nora Testesen")
            .SetTag("url.query", "?q=Nora")
            .SetTag("client.address", "10.0.0.7")
            .SetTag("user_agent.original", "Mozilla/5.0")
            .SetStatus(ActivityStatusCode.Error, Personal);
        span.Stop();

        new PersonalDataRedaction().OnEnd(span);

        Assert.Equal(
            ["bekymring.letter.id", "db.query.text", "http.request.method", "http.response.status_code", "http.route"],
            span.TagObjects.Select(tag => tag.Key).Order(StringComparer.Ordinal));
        Assert.Equal((ActivityStatusCode.Error, (string?)null), (span.Status, span.StatusDescription));
    }

    [Theory]
    [InlineData("collector:4318")]
    [InlineData("ftp://collector:4318")]
    public void An_OTLP_endpoint_that_is_not_an_http_address_is_refused_with_the_setting_named(string endpoint)
    {
        var settings = new TelemetrySettings { OtlpEndpoint = new Uri(endpoint, UriKind.RelativeOrAbsolute) };

        var problems = settings.Validate(new ValidationContext(settings)).ToList();

        Assert.Contains("Telemetry:OtlpEndpoint must be an absolute http or https address", Assert.Single(problems).ErrorMessage, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _withheld.Dispose();
        _sampling.Dispose();
        _source.Dispose();
    }

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }
}
