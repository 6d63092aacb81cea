using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.DeploymentTests;

/// <summary>
/// The container image cannot be built here (no container engine), so its build is followed without one: the
/// Dockerfile's copies from the build context and its own <c>dotnet restore</c> and <c>dotnet publish</c> lines, then
/// the image's folder made read-only and the host started from it with the image's environment and entry point, as a
/// user who owns none of it.
/// </summary>
public sealed class ContainerImageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_image_s_build_holds_the_host_its_static_files_and_definitions_and_the_host_serves_from_it_read_only()
    {
        var dockerfile = Dockerfile.Read(DeploymentFiles.Dockerfile);
        using var folder = new TemporaryFolder();
        var app = Path.Combine(folder.Path, "app");
        await BuildAsync(dockerfile, folder.Path, app);

        Assert.Equal("dotnet", dockerfile.EntryPoint[0]);
        Assert.True(File.Exists(Path.Combine(app, dockerfile.EntryPoint[1])), $"{dockerfile.EntryPoint[1]} is not in the published output.");
        Assert.True(File.Exists(Path.Combine(app, "wwwroot", "lib", "designsystemet", "index.css")), "The design system's CSS is not in wwwroot/lib.");
        Assert.True(File.Exists(Path.Combine(app, "wwwroot", "lib", "mermaid", "mermaid.min.js")), "Mermaid is not in wwwroot/lib.");
        Assert.True(File.Exists(Path.Combine(app, "seeds", "units.json")), "The seeds are not in the image.");
        Assert.True(File.Exists(Path.Combine(app, "workflows", "bekymringssamtale.yaml")), "The workflow definitions are not in the image.");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(app, "workflows", "letters"), "*.liquid"));

        // The key ring's certificate, mounted read-only as a secret would be.
        var keyRingCertificate = Path.Combine(folder.Path, "certificates", "key-ring.pfx");
        Directory.CreateDirectory(Path.GetDirectoryName(keyRingCertificate)!);
        File.Copy(KeyRingCertificate.Path, keyRingCertificate);
        MakeReadOnly(folder.Path);
        var database = await TestPostgres.CreateDatabaseAsync("image");
        await AppDatabaseRole.EnsureExistsAsync(database);
        var settings = Settings(dockerfile, app, database);

        var migrate = await RunToEndAsync(dockerfile, app, [.. settings, new("ConnectionStrings__Migrations", database)], "migrate");
        Assert.True(migrate.ExitCode == 0, $"migrate exited with {migrate.ExitCode}:\n{migrate.Output}");
        var publish = await RunToEndAsync(dockerfile, app, settings, "publish-workflows");
        Assert.True(publish.ExitCode == 0, $"publish-workflows exited with {publish.ExitCode}:\n{publish.Output}");
        settings.Add(new("DataProtection__Certificate__Path", keyRingCertificate));

        var address = new Uri($"http://127.0.0.1:{FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture)}");
        var errors = new ConcurrentQueue<string>();
        using var host = Start(dockerfile, app, [.. settings, new("ASPNETCORE_URLS", address.ToString())], errors);
        try
        {
            using var client = new HttpClient { BaseAddress = address };
            await Eventually.TrueAsync(
                async () =>
                {
                    if (host.HasExited)
                    {
                        Assert.Fail($"The host stopped with exit code {host.ExitCode}:\n{string.Join('\n', errors)}");
                    }

                    try
                    {
                        using var ready = await client.GetAsync("/health/ready", Token);
                        return ready.IsSuccessStatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return false; // Not listening yet.
                    }
                },
                "the host started from the read-only folder to be ready",
                TimeSpan.FromMinutes(2));
            using var live = await client.GetAsync("/health/live", Token);
            Assert.True(live.IsSuccessStatusCode, $"/health/live answered {live.StatusCode}");
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync(Token);
        }
    }

    [Fact]
    public void The_image_is_built_with_the_SDK_global_json_asks_for()
    {
        var sdk = Version.Parse(Dockerfile.Read(DeploymentFiles.Dockerfile).BuildImage.Split(':')[1]);
        var wanted = Version.Parse(JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("global.json")))!["sdk"]!["version"]!.GetValue<string>());

        // global.json rolls forward to the latest feature band of its major and minor version, never back.
        Assert.Equal((wanted.Major, wanted.Minor), (sdk.Major, sdk.Minor));
        Assert.True(sdk >= wanted, $"The build stage's SDK {sdk} is older than global.json's {wanted}.");
    }

    /// <summary>
    /// The build stage in <paramref name="folder"/>: its copies from the build context (as .dockerignore lets them) and its
    /// <c>dotnet</c> lines, the output going to <paramref name="app"/>; then the final stage's copies into it.
    /// </summary>
    private static async Task BuildAsync(Dockerfile dockerfile, string folder, string app)
    {
        var context = BuildContext.OfRepository();
        var source = Path.Combine(folder, "source");
        Directory.CreateDirectory(source);
        foreach (var step in dockerfile.BuildSteps)
        {
            if (step[0] == "COPY")
            {
                context.Copy(step, source);
                continue;
            }

            string[] arguments = [.. step[2..].Select(argument => argument == dockerfile.WorkingFolder ? app : argument)];
            var result = await RunToEndAsync(new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = source });
            Assert.True(result.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.Output}");
        }

        foreach (var copy in dockerfile.CopiedFromContext)
        {
            context.Copy(copy, app);
        }
    }

    /// <summary>The image's environment (its paths under /app moved to <paramref name="app"/>) and Production's required settings.</summary>
    private static List<KeyValuePair<string, string>> Settings(Dockerfile dockerfile, string app, string database) =>
    [
        .. dockerfile.Environment.Select(setting => KeyValuePair.Create(setting.Key, setting.Value.Replace(dockerfile.WorkingFolder, app, StringComparison.Ordinal))),
        new("ASPNETCORE_ENVIRONMENT", "Production"),
        new("ConnectionStrings__Database", AppDatabaseRole.ConnectionString(database)),
        new("Smtp__Host", "127.0.0.1"),
        new("Smtp__Port", FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture)),
        new("Smtp__Security", "None"),
        new("Smtp__FromAddress", "forebygging@politiet.example"),
        new("Authentication__OpenIdConnect__Authority", $"https://127.0.0.1:{FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture)}/"),
        new("Authentication__OpenIdConnect__ClientId", "bekymringssamtale"),
        new("Authentication__OpenIdConnect__ClientSecret", "hemmelig"),
        new("Logging__LogLevel__Default", "Warning"),
    ];

    /// <summary>No write bit anywhere under <paramref name="folder"/>; the folders stay readable for the user the host runs as.</summary>
    private static void MakeReadOnly(string folder)
    {
        var root = new DirectoryInfo(folder);
        foreach (var entry in root.EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Prepend(root))
        {
            entry.UnixFileMode &= ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
            entry.UnixFileMode |= entry is DirectoryInfo
                ? UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                : UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }
    }

    /// <summary>
    /// The image's entry point with <paramref name="arguments"/>, in its working folder. Root may write anywhere whatever
    /// the modes say, so under root it runs as nobody, as the image runs as a user of its own.
    /// </summary>
    private static ProcessStartInfo EntryPoint(Dockerfile dockerfile, string app, IEnumerable<KeyValuePair<string, string>> settings, params string[] arguments)
    {
        string[] command = [.. dockerfile.EntryPoint, .. arguments];
        var start = Environment.IsPrivilegedProcess
            ? new ProcessStartInfo("runuser", ["-u", "nobody", "--", .. command])
            : new ProcessStartInfo(command[0], command[1..]);
        start.WorkingDirectory = app;
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private static Task<(int ExitCode, string Output)> RunToEndAsync(Dockerfile dockerfile, string app, IEnumerable<KeyValuePair<string, string>> settings, params string[] arguments) =>
        RunToEndAsync(EntryPoint(dockerfile, app, settings, arguments));

    private static async Task<(int ExitCode, string Output)> RunToEndAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Token);
        var errors = process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>The host, serving; what it writes to standard error goes to <paramref name="errors"/>.</summary>
    private static Process Start(Dockerfile dockerfile, string app, IEnumerable<KeyValuePair<string, string>> settings, ConcurrentQueue<string> errors)
    {
        var start = EntryPoint(dockerfile, app, settings);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                errors.Enqueue(line.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
