using BekymringssamtaleService.SmtpSink;
using BekymringssamtaleService.Testing;
using Npgsql;

namespace BekymringssamtaleService.BrowserTests;

/// <summary>
/// `./run production` in small: two hosts in Production on one database, each its own process, behind nginx over TLS
/// (round robin, the hosts trusting its forwarded headers), signing people in at the development identity provider.
/// The staff register holds what an Admin would have put there: an officer linked to their subject.
/// </summary>
public sealed class TwoHostsBehindNginx : IAsyncLifetime
{
    public const string Officer = "betjent-oslo";

    private SmtpSinkServer _smtp = null!;

    public DevIdentityProviderProcess IdentityProvider { get; private set; } = null!;

    public ServiceProcess First { get; private set; } = null!;

    public ServiceProcess Second { get; private set; } = null!;

    public NginxProxy Proxy { get; private set; } = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var smtpPort = FreeTcpPort.Next();
        _smtp = await SmtpSinkServer.StartAsync(smtpPort, new MemoryMailbox(), Token);
        var proxyPort = FreeTcpPort.Next();
        var connectionString = await TestPostgres.CreateDatabaseAsync("nginx");
        var identityProvider = DevIdentityProviderProcess.StartAsync(new Uri($"https://127.0.0.1:{proxyPort}/"), DevIdentityProviderProcess.SubjectOf("integrasjon"), Token);
        await Task.WhenAll(identityProvider, ServiceProcess.DeployAsync(ServiceProcess.BuiltWebDll, connectionString));
        IdentityProvider = await identityProvider;
        await RegisterOfficerAsync(connectionString);

        var settings = ProductionSettings.Create(IdentityProvider.ServiceSettings());
        settings["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1";
        First = await ServiceProcess.StartAsync(ServiceProcess.BuiltWebDll, connectionString, smtpPort, settings, Token);
        Second = await ServiceProcess.StartAsync(ServiceProcess.BuiltWebDll, connectionString, smtpPort, settings, Token);
        Proxy = await NginxProxy.StartAsync([First.BaseAddress, Second.BaseAddress], proxyPort, Token);
    }

    public async ValueTask DisposeAsync()
    {
        Proxy?.Dispose();
        First?.Dispose();
        Second?.Dispose();
        IdentityProvider?.Dispose();
        await _smtp.DisposeAsync();
    }

    private static async Task RegisterOfficerAsync(string connectionString)
    {
        var officer = DemoUsers.Get(Officer);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO staff_members (id, display_name, email, roles, unit_codes, external_subject)
            VALUES (@id, @name, @email, '{Officer}', '{OSLO-SENTRUM}', @subject)
            """,
            connection);
        command.Parameters.AddWithValue("id", officer.Id);
        command.Parameters.AddWithValue("name", officer.DisplayName);
        command.Parameters.AddWithValue("email", officer.Email);
        command.Parameters.AddWithValue("subject", DevIdentityProviderProcess.SubjectOf(officer.Id));
        await command.ExecuteNonQueryAsync(Token);
    }
}
