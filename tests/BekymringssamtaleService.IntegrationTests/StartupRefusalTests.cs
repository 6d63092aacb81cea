using System.Diagnostics;
using System.Security.Claims;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.Extensions.DependencyInjection;

namespace BekymringssamtaleService.IntegrationTests;

/// <summary>The host started as operators start it, as a process, with settings that must stop it.</summary>
public sealed class StartupRefusalTests
{
    [Fact]
    public async Task The_host_refuses_to_start_in_Production_with_the_development_login_enabled()
    {
        var (exitCode, output) = await RunHostAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Authentication__DevelopmentLogin__Enabled"] = "true",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("The development login is allowed only in Development", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_refuses_to_start_in_Production_without_OpenID_Connect_settings_and_names_them()
    {
        var (exitCode, output) = await RunHostAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Authentication:OpenIdConnect:Authority is required.", output, StringComparison.Ordinal);
        Assert.Contains("Authentication:OpenIdConnect:ClientId is required.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_refuses_to_start_in_Production_without_the_certificate_that_encrypts_the_key_ring_and_names_the_setting()
    {
        var (exitCode, output) = await RunHostAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("DataProtection:Certificate:Path is required outside Development", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_refuses_to_start_on_a_database_that_needs_migrations_when_it_has_no_migrations_connection_and_names_the_migrate_command()
    {
        var (exitCode, output) = await RunHostAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Migrations"] = "",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("The database is not up to date (", output, StringComparison.Ordinal);
        Assert.Contains("Run the command \"migrate\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_refuses_to_start_when_its_everyday_connection_and_the_migrations_name_the_same_role()
    {
        var (exitCode, output) = await RunHostAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Migrations"] = $"Host=127.0.0.1;Username={AppDatabaseRole.Name};Database=bekymringssamtale",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ConnectionStrings:Database and ConnectionStrings:Migrations name the same role", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_refuses_plain_SMTP_to_a_server_that_is_not_on_this_machine()
    {
        var (exitCode, output) = await RunHostAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Smtp__Host"] = "smtp.politiet.example",
            ["Smtp__Security"] = "None",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Smtp:Security=None is allowed only for a server on loopback", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_a_measure_that_requires_consent_but_names_no_sharing_it_rests_on()
    {
        var folder = Directory.CreateTempSubdirectory("seeds-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("seeds")))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            var catalog = Path.Combine(folder, "measures.json");
            var measures = await File.ReadAllTextAsync(catalog, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(catalog, measures.Replace("\"consentSharing\": \"mentor\",", "", StringComparison.Ordinal), TestContext.Current.CancellationToken);

            var (exitCode, output) = await RunHostAsync(new()
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Seeds__Folder"] = folder,
            });

            Assert.NotEqual(0, exitCode);
            Assert.Contains("The measure MENTOR in measures.json requires consent but names no consentSharing it rests on.", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_a_retention_period_for_no_outcome_or_a_period_that_is_not_positive()
    {
        var (exitCode, output) = await RunHostAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Retention__Periods__closedForGood"] = "365.00:00:00",
            ["Retention__Periods__moved"] = "-1.00:00:00",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Retention:Periods:closedForGood is not a way a case ends", output, StringComparison.Ordinal);
        Assert.Contains("Retention:Periods:moved must be a positive period", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_an_invalid_workflow_definition_and_names_file_line_and_reason()
    {
        var folder = Directory.CreateTempSubdirectory("workflows-").FullName;
        try
        {
            var definition = await File.ReadAllTextAsync(RepositoryRoot.Combine("workflows", "bekymringssamtale.yaml"), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(
                Path.Combine(folder, "bekymringssamtale.yaml"),
                definition.Replace("initial: Registered", "initial: Started", StringComparison.Ordinal),
                TestContext.Current.CancellationToken);

            var (exitCode, output) = await RunHostAsync(new()
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Workflows__Folder"] = folder,
            });

            Assert.NotEqual(0, exitCode);
            Assert.Contains("bekymringssamtale.yaml:6: The initial state 'Started' is not among the states.", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_a_workflow_trigger_a_person_may_fire_but_no_step_fires_and_names_it()
    {
        var folder = Directory.CreateTempSubdirectory("workflows-").FullName;
        try
        {
            var definition = await File.ReadAllTextAsync(RepositoryRoot.Combine("workflows", "bekymringssamtale.yaml"), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(
                Path.Combine(folder, "bekymringssamtale.yaml"),
                definition.Replace(
                    "  # From any open step.",
                    """
                      - name: RemindFamily
                        title: Minn familien på samtalen
                        from: [Invited]
                        stay: true
                        roles: [Officer]

                      # From any open step.
                    """,
                    StringComparison.Ordinal),
                TestContext.Current.CancellationToken);

            var (exitCode, output) = await RunHostAsync(new()
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Workflows__Folder"] = folder,
                ["Letters__Folder"] = RepositoryRoot.Combine("workflows", "letters"),
            });

            Assert.NotEqual(0, exitCode);
            Assert.Contains("The trigger 'RemindFamily' may be fired by Officer, but no step fires it.", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_a_step_whose_trigger_the_workflow_lacks_and_names_it()
    {
        var refusal = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await ServiceHost.StartAsync(services: services => services.AddScoped<ICaseStep, SendPostcard>());
        });

        Assert.Contains("The step 'send-postcard' fires the trigger 'SendPostcard', which the workflow does not have.", refusal.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A step the workflow knows nothing of.</summary>
    private sealed class SendPostcard : CaseStep<object>
    {
        public override string Slug => "send-postcard";
        public override string Title => "Send et postkort";
        public override IReadOnlyList<string> Triggers => ["SendPostcard"];
        public override IReadOnlyList<FormField> Form => [];

        public override StepFiring Fire(CaseAtHand atHand, object request, ClaimsPrincipal user) => new("SendPostcard", []);
    }

    private static async Task<(int ExitCode, string Output)> RunHostAsync(Dictionary<string, string> environment)
    {
        // The tests run from bin/<configuration>/net10.0: start the host built in the same configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var webFolder = RepositoryRoot.Combine("src", "BekymringssamtaleService.Web");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = webFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(webFolder, "bin", configuration, "net10.0", "BekymringssamtaleService.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{FreeTcpPort.Next()}");
        var database = await TestPostgres.CreateDatabaseAsync("refusal");
        await AppDatabaseRole.EnsureExistsAsync(database);
        start.Environment["ConnectionStrings__Database"] = AppDatabaseRole.ConnectionString(database);
        start.Environment["ConnectionStrings__Migrations"] = database;
        start.Environment["Workflows__Folder"] = RepositoryRoot.Combine("workflows");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The host kept running instead of refusing to start.");
        }

        return (process.ExitCode, await output + await error);
    }
}
