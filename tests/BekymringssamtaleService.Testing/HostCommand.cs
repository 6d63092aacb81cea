using System.Diagnostics;

namespace BekymringssamtaleService.Testing;

/// <summary>
/// The host's operations commands (<c>migrate</c>, <c>publish-workflows</c> …) run as deployment and operators run them:
/// the built executable in a process of its own, in Production, against the database given — as the everyday role
/// (ConnectionStrings:Database) and, for what needs it, the owner (ConnectionStrings:Migrations).
/// </summary>
public static class HostCommand
{
    /// <summary>
    /// Runs the command line and answers its exit code and everything it printed. <paramref name="settings"/> are
    /// environment variables (Section__Key) over the defaults; a null value leaves that setting out.
    /// </summary>
    public static async Task<CommandResult> RunAsync(
        string connectionString, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? settings = null, string? webDll = null)
    {
        webDll ??= ServiceProcess.BuiltWebDll;
        await AppDatabaseRole.EnsureExistsAsync(connectionString);
        var start = new ProcessStartInfo("dotnet", [webDll, .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Database"] = AppDatabaseRole.ConnectionString(connectionString),
            ["ConnectionStrings__Migrations"] = connectionString,
            ["Workflows__Folder"] = RepositoryRoot.Combine("workflows"),
            ["Letters__Folder"] = RepositoryRoot.Combine("workflows", "letters"),
            ["Seeds__Folder"] = RepositoryRoot.Combine("seeds"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CommandResult(process.ExitCode, await output + await errors);
    }
}

/// <summary>How a command ended, and everything it printed (standard output, then standard error).</summary>
public sealed record CommandResult(int ExitCode, string Output);
