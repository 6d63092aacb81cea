using BekymringssamtaleService.SmtpSink;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Operations;

/// <summary>The deployment steps run as deployment runs them (the built host in its own process), and the Production host that waits for them.</summary>
public sealed class MigrateCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrate_brings_a_fresh_database_up_to_date_and_run_again_changes_nothing()
    {
        var database = await TestPostgres.CreateDatabaseAsync("migrate");

        var first = await HostCommand.RunAsync(database, ["migrate"]);
        var second = await HostCommand.RunAsync(database, ["migrate"]);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("The database is up to date", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("The database is up to date", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_without_the_owner_connection_exits_with_1_and_names_the_setting_without_a_stack_trace()
    {
        var result = await HostCommand.RunAsync(
            await TestPostgres.CreateDatabaseAsync("migrate"), ["migrate"], new Dictionary<string, string?> { ["ConnectionStrings__Migrations"] = null });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("migrate failed: ConnectionStrings:Migrations is not set", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_line_a_command_cannot_parse_exits_with_2_and_every_command_has_help()
    {
        var database = await TestPostgres.CreateDatabaseAsync("usage");

        var missingVersion = await HostCommand.RunAsync(database, ["migrate-instances", "--dry-run"]);
        var help = await HostCommand.RunAsync(database, ["resend-letter", "--help"]);

        Assert.Equal(2, missingVersion.ExitCode);
        Assert.Contains("Option '--to' is required.", missingVersion.Output, StringComparison.Ordinal);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("resend-letter <ID> [options]", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Production_host_refuses_a_database_before_migrate_and_publish_workflows_naming_each_and_starts_after_them()
    {
        var database = await TestPostgres.CreateDatabaseAsync("production");
        await AppDatabaseRole.EnsureExistsAsync(database);
        var smtpPort = FreeTcpPort.Next();
        await using var smtp = await SmtpSinkServer.StartAsync(smtpPort, new MemoryMailbox(), Token);

        var unmigrated = await Assert.ThrowsAsync<InvalidOperationException>(() => LaunchProductionHostAsync(database, smtpPort));
        Assert.Equal(0, (await HostCommand.RunAsync(database, ["migrate"])).ExitCode);
        var unpublished = await Assert.ThrowsAsync<InvalidOperationException>(() => LaunchProductionHostAsync(database, smtpPort));
        Assert.Equal(0, (await HostCommand.RunAsync(database, ["publish-workflows"])).ExitCode);
        // Started: it answers /health/ready (else this throws with what the host wrote).
        using var host = await LaunchProductionHostAsync(database, smtpPort);

        Assert.Contains("Run the command \"migrate\"", unmigrated.Message, StringComparison.Ordinal);
        Assert.Contains("Run the command \"publish-workflows\"", unpublished.Message, StringComparison.Ordinal);
    }

    private static Task<ServiceProcess> LaunchProductionHostAsync(string database, int smtpPort) =>
        ServiceProcess.LaunchAsync(ServiceProcess.BuiltWebDll, database, smtpPort, ProductionSettings.WithUnreachableIdentityProvider(), Token);
}
