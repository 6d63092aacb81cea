using BekymringssamtaleService.SmtpSink;

// Usage: SmtpSink <port> <folder> — accepts every mail on 127.0.0.1:<port> and writes it to <folder> as .eml.
if (args.Length != 2 || !int.TryParse(args[0], out var port))
{
    await Console.Error.WriteLineAsync("Usage: BekymringssamtaleService.SmtpSink <port> <folder>");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

await using var server = await SmtpSinkServer.StartAsync(port, new DirectoryMailbox(Path.GetFullPath(args[1]), TimeProvider.System), stop.Token);
Console.WriteLine($"SMTP sink on 127.0.0.1:{port}, writing mails to {Path.GetFullPath(args[1])}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl-C or SIGTERM: stop quietly.
}

return 0;
