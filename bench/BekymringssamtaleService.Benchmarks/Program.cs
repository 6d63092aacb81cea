using System.Globalization;
using BekymringssamtaleService.Benchmarks;

// Usage: engine <connection string> <workflow file> <pgbench tps> — bench/run engine runs pgbench first and passes its figure.
if (args.Length != 4 || args[0] != "engine")
{
    await Console.Error.WriteLineAsync("Usage: BekymringssamtaleService.Benchmarks engine <connection string> <workflow yaml> <pgbench tps>");
    return 2;
}

var pgbenchTps = double.Parse(args[3], CultureInfo.InvariantCulture);
var (engineTps, p99, transitions) = await EngineBenchmark.RunAsync(args[1], args[2], workers: 4, duration: TimeSpan.FromSeconds(20));
Console.WriteLine($"transitions={transitions} workers=4 seconds=20");
Console.WriteLine(
    $"engine_tps={EngineBenchmark.Format(engineTps)} pgbench_tps={EngineBenchmark.Format(pgbenchTps)} " +
    $"ratio={(engineTps / pgbenchTps).ToString("0.00", CultureInfo.InvariantCulture)} p99_ms={EngineBenchmark.Format(p99)}");
return 0;
