using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using BekymringssamtaleService.Testing;
using Npgsql;

namespace BekymringssamtaleService.Benchmarks;

/// <summary>
/// The dashboard's pages at scale: a fresh database seeded with <see cref="DashboardSeed"/>, then the host in its own
/// process (no job server or pump, so every query the database sees is a page's), signed in through the development
/// login as an officer and as a lead of the first unit. Each page is read 20 times to warm up and 200 times measured,
/// one request at a time; the time is the request's at the client on loopback (the server's time plus the loopback
/// round trip). Queries per page come from pg_stat_statements (statements the app role ran, 20 requests, divided).
/// With <c>cases</c> null the database the last run seeded is measured again (migrated first, not seeded).
/// </summary>
internal sealed partial class DashboardBenchmark(string connectionString, string webDll, int smtpPort, int? cases)
{
    private const int WarmUp = 20;
    private const int Measured = 200;
    private const int CountedForQueries = 20;

    public async Task<string> RunAsync()
    {
        await ServiceProcess.DeployAsync(webDll, connectionString);
        await using var database = NpgsqlDataSource.Create(connectionString);
        var now = TimeProvider.System.GetUtcNow();
        var seeding = Stopwatch.StartNew();
        if (cases is { } count)
        {
            await new DashboardSeed(database, count, now).RunAsync();
            Console.WriteLine($"seeded {count:N0} cases in {seeding.Elapsed.TotalSeconds:0} s");
        }

        seeding.Stop();
        Guid busyCase;
        await using (var connection = await database.OpenConnectionAsync())
        {
            busyCase = await DashboardSeed.BusyCaseAsync(connection);
        }

        using var host = await ServiceProcess.LaunchAsync(webDll, connectionString, smtpPort,
            new Dictionary<string, string> { ["Jobs__RunServer"] = "false", ["Seeds__LoadDemoData"] = "false" }, CancellationToken.None);
        using var officer = await SignInAsync(host.BaseAddress, DashboardSeed.OfficerId(0, 0));
        using var lead = await SignInAsync(host.BaseAddress, DashboardSeed.LeadId(0));
        var pages = await DashboardPages.ListAsync(database, busyCase, now);

        var results = new Dictionary<string, List<double>>();
        var maxQueries = 0.0;
        foreach (var (name, role, path) in pages)
        {
            var client = role == "lead" ? lead : officer;
            var times = await MeasureAsync(client, path);
            var queries = await QueriesPerRequestAsync(database, client, path);
            maxQueries = Math.Max(maxQueries, queries);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-10} {role,-8} p50_ms={Percentile(times, 0.5):0.0} p95_ms={Percentile(times, 0.95):0.0} queries={queries:0.#} {path}"));
            results.TryAdd(name, []);
            results[name].AddRange(times);
        }

        var percentiles = string.Join(' ', results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key}_p95_ms={Percentile(r.Value, 0.95):0.0}")));
        var seeded = cases is null ? "again" : seeding.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"seed_s={seeded} {percentiles} max_queries_per_page={maxQueries:0.#}");
    }

    private static async Task<List<double>> MeasureAsync(HttpClient client, string path)
    {
        for (var i = 0; i < WarmUp; i++)
        {
            await GetAsync(client, path);
        }

        var times = new List<double>(Measured);
        for (var i = 0; i < Measured; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await GetAsync(client, path);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return times;
    }

    private static async Task<double> QueriesPerRequestAsync(NpgsqlDataSource database, HttpClient client, string path)
    {
        await using (var reset = database.CreateCommand("SELECT pg_stat_statements_reset()"))
        {
            await reset.ExecuteNonQueryAsync();
        }

        for (var i = 0; i < CountedForQueries; i++)
        {
            await GetAsync(client, path);
        }

        await using var count = database.CreateCommand(
            "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid " +
            "WHERE r.rolname = $1 AND s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())");
        count.Parameters.AddWithValue(new NpgsqlConnectionStringBuilder(AppDatabaseRole.ConnectionString(database.ConnectionString)).Username!);
        return Convert.ToDouble(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture) / CountedForQueries;
    }

    private static async Task GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: the benchmark measures pages that work.");
        }

        await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Signs in through the development login form, as a person would; the cookie is the client's from then on.</summary>
    private static async Task<HttpClient> SignInAsync(Uri baseAddress, string staffId)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        var form = await client.GetStringAsync("/logg-inn");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var response = await client.PostAsync("/logg-inn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["StaffId"] = staffId,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {staffId} answered {(int)response.StatusCode}.");
        }

        return client;
    }

    private static double Percentile(List<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile * sorted.Count) - 1)];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
