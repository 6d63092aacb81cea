using System.Text.Json.Nodes;

namespace BekymringssamtaleService.DeploymentTests;

public sealed class KubernetesTests
{
    private static readonly string[] Kinds = ["ConfigMap", "Deployment", "Ingress", "Job", "NetworkPolicy", "PodDisruptionBudget", "Secret", "Service"];
    private static readonly string[] AllCapabilities = ["ALL"];
    private static readonly string[] TheHostsSecret = ["bekymringssamtale"];

    [Fact]
    public async Task Every_manifest_follows_the_Kubernetes_schema_of_its_kind()
    {
        var manifests = DeploymentFiles.KubernetesManifests();

        var result = await ManifestValidator.KubernetesAsync(manifests);

        Assert.True(result.Valid, result.Output);
        Assert.Equal(Kinds, manifests.SelectMany(DeploymentFiles.Read).Select(manifest => manifest["kind"]!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_manifest_with_a_field_of_the_wrong_type_or_a_kind_Kubernetes_lacks_is_rejected_naming_it()
    {
        using var folder = new TemporaryFolder();
        var broken = Path.Combine(folder.Path, "deployment.yaml");
        var deployment = await File.ReadAllTextAsync(DeploymentFiles.Kubernetes("deployment.yaml"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(
            broken,
            deployment.Replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: \"yes\"", StringComparison.Ordinal)
                + "---\napiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: typo\n",
            TestContext.Current.CancellationToken);

        var result = await ManifestValidator.KubernetesAsync(broken);

        Assert.False(result.Valid, result.Output);
        Assert.Contains("document 1 (Deployment bekymringssamtale): data/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem must be boolean", result.Output, StringComparison.Ordinal);
        Assert.Contains("document 2 (Deploymnet typo): Kubernetes has no Deploymnet in apps/v1", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deployment.yaml")]
    [InlineData("migrate/job.yaml")]
    public void The_pods_run_as_no_root_on_a_read_only_root_file_system_without_capabilities_or_privilege_escalation(string manifest)
    {
        var pod = DeploymentFiles.Read(DeploymentFiles.Kubernetes(manifest.Split('/'))).Single()["spec"]!["template"]!["spec"]!;
        Assert.Equal("true", pod["securityContext"]!["runAsNonRoot"]!.GetValue<string>());
        Assert.Equal("RuntimeDefault", pod["securityContext"]!["seccompProfile"]!["type"]!.GetValue<string>());
        foreach (var container in pod["containers"]!.AsArray().Concat(pod["initContainers"]?.AsArray() ?? []).Select(container => container!))
        {
            var security = container["securityContext"]!;
            Assert.Equal("true", security["runAsNonRoot"]!.GetValue<string>());
            Assert.Equal("true", security["readOnlyRootFilesystem"]!.GetValue<string>());
            Assert.Equal("false", security["allowPrivilegeEscalation"]!.GetValue<string>());
            Assert.Equal(AllCapabilities, security["capabilities"]!["drop"]!.AsArray().Select(capability => capability!.GetValue<string>()));
            Assert.Equal("RuntimeDefault", security["seccompProfile"]!["type"]!.GetValue<string>());
            var tmp = container["volumeMounts"]!.AsArray().Single(mount => mount!["mountPath"]!.GetValue<string>() == "/tmp")!;
            Assert.NotNull(pod["volumes"]!.AsArray().Single(volume => volume!["name"]!.GetValue<string>() == tmp["name"]!.GetValue<string>())!["emptyDir"]);
        }
    }

    [Fact]
    public void The_hosts_are_probed_for_their_start_readiness_and_liveness()
    {
        var container = DeploymentFiles.Read(DeploymentFiles.Kubernetes("deployment.yaml")).Single()["spec"]!["template"]!["spec"]!["containers"]![0]!;

        Assert.Equal("/health/live", container["startupProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/health/ready", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/health/live", container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
    }

    [Fact]
    public void Only_the_migration_job_reads_the_owner_role_s_connection_string()
    {
        var secrets = DeploymentFiles.Read(DeploymentFiles.Kubernetes("templates", "secret.yaml"))
            .ToDictionary(secret => secret["metadata"]!["name"]!.GetValue<string>(), secret => secret);
        var hosts = DeploymentFiles.Read(DeploymentFiles.Kubernetes("deployment.yaml")).Single()["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var job = DeploymentFiles.Read(DeploymentFiles.Kubernetes("migrate", "job.yaml")).Single()["spec"]!["template"]!["spec"]!;
        var migrate = job["initContainers"]![0]!;
        var publish = job["containers"]![0]!;

        var hostSecrets = hosts["envFrom"]!.AsArray().Select(source => source!["secretRef"]?["name"]?.GetValue<string>()).OfType<string>().ToList();
        Assert.Equal(TheHostsSecret, hostSecrets);
        Assert.Null(secrets["bekymringssamtale"]["stringData"]!["ConnectionStrings__Migrations"]);
        Assert.NotNull(secrets["bekymringssamtale-migrations"]["stringData"]!["ConnectionStrings__Migrations"]);
        Assert.Equal("migrate", migrate["args"]![0]!.GetValue<string>());
        Assert.Contains(
            migrate["env"]!.AsArray(),
            variable => variable!["name"]!.GetValue<string>() == "ConnectionStrings__Migrations"
                && variable["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>() == "bekymringssamtale-migrations");
        Assert.Equal("publish-workflows", publish["args"]![0]!.GetValue<string>());
        Assert.DoesNotContain(publish["env"]!.AsArray(), variable => variable!["name"]!.GetValue<string>() == "ConnectionStrings__Migrations");
    }
}
