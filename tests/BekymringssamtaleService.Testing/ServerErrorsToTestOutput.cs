namespace BekymringssamtaleService.Testing;

/// <summary>
/// When the host answers with a server error (a 500, a 503 for an unreachable database), its warnings and errors are
/// written to the test's output: a failing test then shows why the host answered so, not only that it did.
/// </summary>
internal sealed class ServerErrorsToTestOutput(CapturedLogs logs, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private const int MostLines = 40;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode >= 500 && TestContext.Current.TestOutputHelper is { } output)
        {
            var problems = logs.Lines.Where(line => line.StartsWith("Warning", StringComparison.Ordinal)
                || line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal));
            output.WriteLine($"The host answered {request.Method} {request.RequestUri?.AbsolutePath} with {(int)response.StatusCode}. Its last warnings and errors:");
            foreach (var line in problems.TakeLast(MostLines))
            {
                output.WriteLine(line);
            }
        }

        return response;
    }
}
