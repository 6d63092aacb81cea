using System.Globalization;
using BekymringssamtaleService.Benchmarks;

switch (args)
{
    // engine <connection string> <workflow file> <pgbench tps> <invite connection string> <web host dll> — bench/run engine
    // runs pgbench first and passes its figure; the invite steps run through a host on their own database of the same cluster.
    case ["engine", var connectionString, var workflowFile, var pgbench, var inviteConnectionString, var webDll]:
    {
        var pgbenchTps = double.Parse(pgbench, CultureInfo.InvariantCulture);
        var (engineTps, p99, transitions) = await EngineBenchmark.RunAsync(connectionString, workflowFile, workers: 4, duration: TimeSpan.FromSeconds(20));
        Console.WriteLine($"transitions={transitions} workers=4 seconds=20 p99_ms={EngineBenchmark.Format(p99)}");
        var invite = await new InviteBenchmark(inviteConnectionString, webDll).RunAsync(workers: 4, invitesPerWorker: InviteBenchmark.InvitesPerWorker, warmUpPerWorker: 5);
        Console.WriteLine(
            $"invites={invite.Invites} workers=4 seconds={invite.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} " +
            $"invite_p99_ms={EngineBenchmark.Format(invite.P99Milliseconds)}");
        Console.WriteLine(
            $"engine_tps={EngineBenchmark.Format(engineTps)} pgbench_tps={EngineBenchmark.Format(pgbenchTps)} " +
            $"ratio={(engineTps / pgbenchTps).ToString("0.00", CultureInfo.InvariantCulture)} p99_ms={EngineBenchmark.Format(p99)} " +
            $"invite_tps={EngineBenchmark.Format(invite.InvitesPerSecond)}");
        return 0;
    }

    // reminders <connection string> <web host dll> <smtp port> — bench/run reminders starts the cluster and picks the port.
    case ["reminders", var connectionString, var webDll, var smtpPort]:
    {
        var benchmark = new ReminderBenchmark(connectionString, webDll, int.Parse(smtpPort, CultureInfo.InvariantCulture));
        Console.WriteLine(await benchmark.RunAsync(burst: 10_000, spread: 300, spreadOver: TimeSpan.FromMinutes(2)));
        return 0;
    }

    // dashboard <connection string> <web host dll> <smtp port> <cases> — bench/run dashboard starts the cluster with
    // pg_stat_statements loaded and picks the port; BEKYMRING_BENCH_SCALE scales the cases (1 = 1,000,000).
    case ["dashboard", var connectionString, var webDll, var smtpPort, var cases]:
    {
        var benchmark = new DashboardBenchmark(connectionString, webDll, int.Parse(smtpPort, CultureInfo.InvariantCulture), int.Parse(cases, CultureInfo.InvariantCulture));
        Console.WriteLine(await benchmark.RunAsync());
        return 0;
    }

    // dashboard-again <connection string> <web host dll> <smtp port> — the pages again on a database dashboard seeded.
    case ["dashboard-again", var connectionString, var webDll, var smtpPort]:
    {
        var benchmark = new DashboardBenchmark(connectionString, webDll, int.Parse(smtpPort, CultureInfo.InvariantCulture), cases: null);
        Console.WriteLine(await benchmark.RunAsync());
        return 0;
    }

    default:
        await Console.Error.WriteLineAsync(
            "Usage: BekymringssamtaleService.Benchmarks engine <connection string> <workflow yaml> <pgbench tps> <invite connection string> <web host dll>\n" +
            "       BekymringssamtaleService.Benchmarks reminders <connection string> <web host dll> <smtp port>\n" +
            "       BekymringssamtaleService.Benchmarks dashboard <connection string> <web host dll> <smtp port> <cases>\n" +
            "       BekymringssamtaleService.Benchmarks dashboard-again <connection string> <web host dll> <smtp port>");
        return 2;
}
