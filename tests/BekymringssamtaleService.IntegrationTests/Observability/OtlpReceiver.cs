using System.Collections.Concurrent;
using System.IO.Compression;
using BekymringssamtaleService.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BekymringssamtaleService.IntegrationTests.Observability;

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP front door, in process on a loopback port: it accepts POST /v1/traces and
/// /v1/metrics (http/protobuf) and keeps each body as it came (inflated first when it came gzipped). No OTLP schema is
/// at hand here, and none is needed to look into the bodies: protobuf writes every string as its UTF-8 bytes, whole.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The base address to configure as Telemetry:OtlpEndpoint.</summary>
    public Uri Endpoint { get; }

    public ConcurrentQueue<byte[]> Traces { get; } = new();

    public ConcurrentQueue<byte[]> Metrics { get; } = new();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var port = FreeTcpPort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app, new Uri($"http://127.0.0.1:{port}"));
        app.MapPost("/v1/traces", (HttpRequest request) => ReceiveAsync(request, receiver.Traces));
        app.MapPost("/v1/metrics", (HttpRequest request) => ReceiveAsync(request, receiver.Metrics));
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Every body received so far as text: the strings in it appear as they were sent.</summary>
    public static IReadOnlyList<string> AsText(IEnumerable<byte[]> bodies) => [.. bodies.Select(body => System.Text.Encoding.UTF8.GetString(body))];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Answers as a collector does: 200 with an empty (protobuf) export response.</summary>
    private static async Task<IResult> ReceiveAsync(HttpRequest request, ConcurrentQueue<byte[]> received)
    {
        if (request.ContentType != "application/x-protobuf")
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        using var body = new MemoryStream();
        if (request.Headers.ContentEncoding == "gzip")
        {
            await using var inflating = new GZipStream(request.Body, CompressionMode.Decompress);
            await inflating.CopyToAsync(body);
        }
        else
        {
            await request.Body.CopyToAsync(body);
        }

        received.Enqueue(body.ToArray());
        return Results.Bytes([], "application/x-protobuf");
    }
}
