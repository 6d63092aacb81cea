using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.DeploymentTests;

public sealed class ComposeTests
{
    private static readonly string[] Hosts = ["web-1", "web-2"];
    private static readonly string[] AllCapabilities = ["ALL"];

    [Fact]
    public async Task The_compose_file_follows_the_Compose_specification()
    {
        var result = await ManifestValidator.ComposeAsync(DeploymentFiles.Compose);

        Assert.True(result.Valid, result.Output);
    }

    [Fact]
    public async Task A_compose_file_with_a_setting_the_specification_does_not_have_is_rejected_naming_it()
    {
        using var folder = new TemporaryFolder();
        var broken = Path.Combine(folder.Path, "compose.yaml");
        var compose = await File.ReadAllTextAsync(DeploymentFiles.Compose, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(broken, compose.Replace("restart: \"no\"", "restrat: \"no\"", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var result = await ManifestValidator.ComposeAsync(broken);

        Assert.False(result.Valid, result.Output);
        Assert.Contains("/services/migrate: must NOT have additional properties (additionalProperty: \"restrat\")", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hosts_start_once_migrate_has_succeeded_and_never_hold_the_owner_role()
    {
        var services = DeploymentFiles.Read(DeploymentFiles.Compose).Single()["services"]!;
        var migrate = services["migrate"]!;

        Assert.Equal("migrate", migrate["command"]![0]!.GetValue<string>());
        Assert.Contains("Username=bekymring_owner", migrate["environment"]!["ConnectionStrings__Migrations"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var host in Hosts.Select(name => services[name]!))
        {
            Assert.Equal("service_completed_successfully", host["depends_on"]!["migrate"]!["condition"]!.GetValue<string>());
            Assert.Equal("Production", host["environment"]!["ASPNETCORE_ENVIRONMENT"]!.GetValue<string>());
            Assert.Null(host["environment"]!["ConnectionStrings__Migrations"]);
            Assert.DoesNotContain("BEKYMRING_OWNER_PASSWORD", host["environment"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.Contains("Username=bekymring_app", host["environment"]!["ConnectionStrings__Database"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_hosts_and_migrate_run_on_a_read_only_root_file_system_without_capabilities()
    {
        var services = DeploymentFiles.Read(DeploymentFiles.Compose).Single()["services"]!;

        foreach (var service in Hosts.Append("migrate").Select(name => services[name]!))
        {
            Assert.Equal("true", service["read_only"]!.GetValue<string>());
            Assert.Contains(service["tmpfs"]!.AsArray(), mount => mount!.GetValue<string>().StartsWith("/tmp", StringComparison.Ordinal));
            Assert.Equal(AllCapabilities, service["cap_drop"]!.AsArray().Select(capability => capability!.GetValue<string>()));
        }
    }

    [Fact]
    public void Nginx_sends_requests_round_robin_to_every_host_and_is_the_proxy_the_hosts_trust()
    {
        var services = DeploymentFiles.Read(DeploymentFiles.Compose).Single()["services"]!;
        var configuration = string.Join('\n', File.ReadLines(RepositoryRoot.Combine("deploy", "nginx", "bekymringssamtale.conf")).Where(line => !line.TrimStart().StartsWith('#')));
        var nginxAddress = services["nginx"]!["networks"]!["backend"]!["ipv4_address"]!.GetValue<string>();

        foreach (var host in Hosts)
        {
            Assert.Contains($"server {host}:8080", configuration, StringComparison.Ordinal);
            Assert.Equal(nginxAddress, services[host]!["environment"]!["ForwardedHeaders__KnownProxies__0"]!.GetValue<string>());
        }

        // Round robin is nginx's way unless the upstream names another (ip_hash, hash, least_conn, sticky).
        Assert.DoesNotMatch(new Regex(@"^\s*(ip_hash|hash|least_conn|random|sticky)\b", RegexOptions.Multiline), configuration);
    }

    [Fact]
    public void No_secret_is_written_in_the_compose_file()
    {
        var services = DeploymentFiles.Read(DeploymentFiles.Compose).Single()["services"]!.AsObject();
        var environment = services
            .SelectMany(service => service.Value!["environment"]?.AsObject() ?? [])
            .Where(setting => setting.Key.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase) || setting.Key.EndsWith("Secret", StringComparison.Ordinal))
            .ToList();

        var connectionStrings = services.SelectMany(service => service.Value!["environment"]?.AsObject() ?? [])
            .Select(setting => setting.Value!.GetValue<string>())
            .Where(value => value.Contains("Password=", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(environment);
        Assert.All(environment, setting => Assert.StartsWith("${", setting.Value!.GetValue<string>(), StringComparison.Ordinal));
        Assert.NotEmpty(connectionStrings);
        Assert.All(connectionStrings, value => Assert.Contains("Password=${", value, StringComparison.Ordinal));
    }
}
