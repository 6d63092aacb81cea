using System.Globalization;
using BekymringssamtaleService.Benchmarks;

switch (args)
{
    // engine <connection string> <workflow file> <pgbench tps> — bench/run engine runs pgbench first and passes its figure.
    case ["engine", var connectionString, var workflowFile, var pgbench]:
    {
        var pgbenchTps = double.Parse(pgbench, CultureInfo.InvariantCulture);
        var (engineTps, p99, transitions) = await EngineBenchmark.RunAsync(connectionString, workflowFile, workers: 4, duration: TimeSpan.FromSeconds(20));
        Console.WriteLine($"transitions={transitions} workers=4 seconds=20");
        Console.WriteLine(
            $"engine_tps={EngineBenchmark.Format(engineTps)} pgbench_tps={EngineBenchmark.Format(pgbenchTps)} " +
            $"ratio={(engineTps / pgbenchTps).ToString("0.00", CultureInfo.InvariantCulture)} p99_ms={EngineBenchmark.Format(p99)}");
        return 0;
    }

    // reminders <connection string> <web host dll> <smtp port> — bench/run reminders starts the cluster and picks the port.
    case ["reminders", var connectionString, var webDll, var smtpPort]:
    {
        var benchmark = new ReminderBenchmark(connectionString, webDll, int.Parse(smtpPort, CultureInfo.InvariantCulture));
        Console.WriteLine(await benchmark.RunAsync(burst: 10_000, spread: 300, spreadOver: TimeSpan.FromMinutes(2)));
        return 0;
    }

    default:
        await Console.Error.WriteLineAsync(
            "Usage: BekymringssamtaleService.Benchmarks engine <connection string> <workflow yaml> <pgbench tps>\n" +
            "       BekymringssamtaleService.Benchmarks reminders <connection string> <web host dll> <smtp port>");
        return 2;
}
