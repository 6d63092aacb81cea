using System.Diagnostics;

namespace BekymringssamtaleService.Testing;

/// <summary>
/// A PostgreSQL cluster of a test's own, for tests that stop and start the database server.
/// Uses the binaries named by BEKYMRING_PG_BIN (./test sets it) or the newest under /usr/lib/postgresql.
/// </summary>
public sealed class PrivatePostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;

    private PrivatePostgresCluster(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=3;Command Timeout=5";

    public static async Task<PrivatePostgresCluster> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("BEKYMRING_PG_BIN")
            ?? Directory.GetDirectories("/usr/lib/postgresql").Order().Select(v => System.IO.Path.Combine(v, "bin")).LastOrDefault()
            ?? throw new InvalidOperationException("No PostgreSQL binaries: run ./test, which installs them.");
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bks-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var cluster = new PrivatePostgresCluster(bin, folder, FreeTcpPort.Next());
        if (RunsAsRoot)
        {
            await RunAsync("chown", "postgres:postgres", folder);
        }

        await cluster.PgAsync("initdb", "-D", folder, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8");
        await cluster.StartServerAsync();
        return cluster;
    }

    public Task StartServerAsync() => PgAsync("pg_ctl", "-D", _folder, "-l", System.IO.Path.Combine(_folder, "server.log"), "-w", "-t", "30",
        "-o", $"-p {Port} -k /tmp -c listen_addresses=127.0.0.1", "start");

    public Task StopServerAsync() => PgAsync("pg_ctl", "-D", _folder, "-m", "immediate", "-w", "stop");

    /// <summary>
    /// Restarts the server as an operator or a minor-version upgrade does: a fast shutdown (sessions are ended, open
    /// transactions rolled back, committed ones kept), then a start on the same port.
    /// </summary>
    public async Task RestartServerAsync()
    {
        await PgAsync("pg_ctl", "-D", _folder, "-m", "fast", "-w", "stop");
        await StartServerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(System.IO.Path.Combine(_folder, "postmaster.pid")))
        {
            await StopServerAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private Task PgAsync(string tool, params string[] arguments) =>
        RunsAsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", System.IO.Path.Combine(_bin, tool), .. arguments])
            : RunAsync(System.IO.Path.Combine(_bin, tool), arguments);

    // initdb and pg_ctl refuse to run as root: they run as the postgres user then.
    private static bool RunsAsRoot => Environment.UserName == "root";

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
