using BekymringssamtaleService.SmtpSink;
using BekymringssamtaleService.Testing;
using Npgsql;

namespace BekymringssamtaleService.BrowserTests;

/// <summary>
/// The service as production runs it — its own process, the Production environment, HTTPS, no demo data — signing
/// people in at the development identity provider in a process of its own. The staff register holds what an Admin
/// would have put there: an officer linked to their subject, a deactivated officer, and the service account of a
/// program (the identity provider's program client carries its subject).
/// </summary>
public sealed class ProductionSignIn : IAsyncLifetime
{
    public const string Officer = "betjent-oslo";
    public const string DeactivatedOfficer = "betjent-vest";
    public const string ProgramAccount = "integrasjon";

    private SmtpSinkServer _smtp = null!;

    public DevIdentityProviderProcess IdentityProvider { get; private set; } = null!;

    public ServiceProcess Host { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var smtpPort = FreeTcpPort.Next();
        _smtp = await SmtpSinkServer.StartAsync(smtpPort, new MemoryMailbox(), Token);
        var serviceAddress = new Uri($"https://127.0.0.1:{FreeTcpPort.Next()}/");
        ConnectionString = await TestPostgres.CreateDatabaseAsync("oidc");
        var identityProvider = DevIdentityProviderProcess.StartAsync(serviceAddress, DevIdentityProviderProcess.SubjectOf(ProgramAccount), Token);
        await Task.WhenAll(identityProvider, ServiceProcess.DeployAsync(ServiceProcess.BuiltWebDll, ConnectionString));
        IdentityProvider = await identityProvider;
        await RegisterStaffAsync();

        var settings = ProductionSettings.Create(IdentityProvider.ServiceSettings());
        foreach (var (key, value) in IdentityProvider.Certificate.KestrelSettings())
        {
            settings[key] = value;
        }

        Host = await ServiceProcess.StartAsync(ServiceProcess.BuiltWebDll, ConnectionString, smtpPort, settings, Token, serviceAddress);
    }

    /// <summary>The sign-in entries of the access log (staff id or subject, and sign-in or sign-in-refused), oldest first.</summary>
    public async Task<IReadOnlyList<(string StaffId, string Action)>> SignInLogAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand("SELECT staff_id, action FROM access_log WHERE purpose = 'sign-in' ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        var entries = new List<(string, string)>();
        while (await reader.ReadAsync(Token))
        {
            entries.Add((reader.GetString(0), reader.GetString(1)));
        }

        return entries;
    }

    /// <summary>What an Admin's deactivation does to the staff register.</summary>
    public async Task DeactivateAsync(string staffId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand("UPDATE staff_members SET deactivated_at = now() WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", staffId);
        await command.ExecuteNonQueryAsync(Token);
    }

    public async ValueTask DisposeAsync()
    {
        Host?.Dispose();
        IdentityProvider?.Dispose();
        await _smtp.DisposeAsync();
    }

    private async Task RegisterStaffAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO staff_members (id, display_name, email, roles, unit_codes, external_subject, deactivated_at) VALUES
                (@officer, 'Kari Nordmann', 'kari.nordmann@politiet.example', '{Officer}', '{OSLO-SENTRUM}', @officerSubject, NULL),
                (@deactivated, 'Ingrid Haugland', 'ingrid.haugland@politiet.example', '{Officer}', '{VEST-BERGEN}', @deactivatedSubject, now()),
                (@program, 'Integrasjon (program)', 'integrasjon@politiet.example', '{Officer}', '{OSLO-SENTRUM}', @programSubject, NULL)
            """,
            connection);
        command.Parameters.AddWithValue("officer", Officer);
        command.Parameters.AddWithValue("officerSubject", DevIdentityProviderProcess.SubjectOf(Officer));
        command.Parameters.AddWithValue("deactivated", DeactivatedOfficer);
        command.Parameters.AddWithValue("deactivatedSubject", DevIdentityProviderProcess.SubjectOf(DeactivatedOfficer));
        command.Parameters.AddWithValue("program", ProgramAccount);
        command.Parameters.AddWithValue("programSubject", DevIdentityProviderProcess.SubjectOf(ProgramAccount));
        await command.ExecuteNonQueryAsync(Token);
    }
}
