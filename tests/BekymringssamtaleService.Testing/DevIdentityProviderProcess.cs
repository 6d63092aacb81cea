using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace BekymringssamtaleService.Testing;

/// <summary>
/// The development identity provider (src/BekymringssamtaleService.DevIdentityProvider) in its own process, over HTTPS
/// on a free loopback port with a freshly generated certificate, its tables in a database of its own. It registers the
/// service's web client for the service addresses given, and a program client whose tokens carry
/// <see cref="ProgramSubject"/>. Demo users sign in as <see cref="SubjectOf"/> their staff id.
/// </summary>
public sealed class DevIdentityProviderProcess : IDisposable
{
    public const string WebClientId = "bekymringssamtale";
    public const string WebClientSecret = "utvikling-hemmelig-web";
    public const string ProgramClientId = "bekymringssamtale-program";
    public const string ProgramClientSecret = "utvikling-hemmelig-program";

    /// <summary>The subject of the person the staff register does not know (on the login form as «Nils Utenfor»).</summary>
    public const string UnregisteredSubject = "dev:ikke-registrert";

    private readonly Process _process;
    private readonly Queue<string> _errors = new();

    private DevIdentityProviderProcess(Process process, Uri authority, SelfSignedCertificate certificate, string programSubject)
    {
        _process = process;
        Authority = authority;
        Certificate = certificate;
        ProgramSubject = programSubject;
    }

    public static string BuiltDll { get; } = RepositoryRoot.Combine(
        "src", "BekymringssamtaleService.DevIdentityProvider", "bin", "Debug", "net10.0", "BekymringssamtaleService.DevIdentityProvider.dll");

    public Uri Authority { get; }

    /// <summary>The provider's certificate: the service must trust it for its backchannel (discovery, JWKS, tokens).</summary>
    public SelfSignedCertificate Certificate { get; }

    public string ProgramSubject { get; }

    /// <summary>The subject the provider gives a demo user (seeds/demo-users.json links it as externalSubject).</summary>
    public static string SubjectOf(string staffId) => "dev:" + staffId;

    /// <summary>
    /// Starts the provider for a service reached at <paramref name="serviceAddress"/> (its callback and post-logout
    /// addresses are registered), and waits until its discovery document answers.
    /// </summary>
    public static async Task<DevIdentityProviderProcess> StartAsync(Uri serviceAddress, string programSubject, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("dev-idp-").FullName;
        var certificate = SelfSignedCertificate.Create(folder);
        var authority = new Uri($"https://127.0.0.1:{FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture)}/");
        var start = new ProcessStartInfo("dotnet", [BuiltDll, "--urls", authority.ToString()])
        {
            WorkingDirectory = Path.GetDirectoryName(BuiltDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var settings = new Dictionary<string, string>(certificate.KestrelSettings())
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ConnectionStrings__IdentityProvider"] = await TestPostgres.CreateDatabaseAsync("idp"),
            ["IdentityProvider__UsersFile"] = RepositoryRoot.Combine("seeds", "demo-users.json"),
            ["IdentityProvider__WebClient__ClientId"] = WebClientId,
            ["IdentityProvider__WebClient__ClientSecret"] = WebClientSecret,
            ["IdentityProvider__WebClient__RedirectUris__0"] = new Uri(serviceAddress, "/signin-oidc").ToString(),
            ["IdentityProvider__WebClient__PostLogoutRedirectUris__0"] = new Uri(serviceAddress, "/signout-callback-oidc").ToString(),
            ["IdentityProvider__ProgramClient__ClientId"] = ProgramClientId,
            ["IdentityProvider__ProgramClient__ClientSecret"] = ProgramClientSecret,
            ["IdentityProvider__ProgramClient__Subject"] = programSubject,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var provider = new DevIdentityProviderProcess(Process.Start(start)!, authority, certificate, programSubject);
        provider._process.OutputDataReceived += (_, _) => { };
        provider._process.ErrorDataReceived += (_, line) => provider.KeepErrorLine(line.Data);
        provider._process.BeginOutputReadLine();
        provider._process.BeginErrorReadLine();
        await provider.WaitUntilReadyAsync(cancellationToken);
        return provider;
    }

    /// <summary>The service's settings (environment variables) for signing in here and trusting this provider's certificate.</summary>
    public IReadOnlyDictionary<string, string> ServiceSettings() => new Dictionary<string, string>
    {
        ["Authentication__OpenIdConnect__Authority"] = Authority.ToString(),
        ["Authentication__OpenIdConnect__ClientId"] = WebClientId,
        ["Authentication__OpenIdConnect__ClientSecret"] = WebClientSecret,
        ["Authentication__OpenIdConnect__TrustedCertificatePath"] = Certificate.CertificatePath,
    };

    /// <summary>An access token for the program client (client credentials), as a program calling the API gets one.</summary>
    public async Task<string> ProgramAccessTokenAsync(CancellationToken cancellationToken)
    {
        using var client = Certificate.TrustingClient(Authority);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = ProgramClientId,
            ["client_secret"] = ProgramClientSecret,
        });
        using var response = await client.PostAsync("connect/token", form, cancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        return token!.AccessToken;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(Path.GetDirectoryName(Certificate.CertificatePath)!, recursive: true);
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = Certificate.TrustingClient(Authority);
        await Eventually.TrueAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The identity provider stopped with exit code {_process.ExitCode}:\n{ErrorTail()}");
                }

                try
                {
                    using var response = await client.GetAsync(".well-known/openid-configuration", cancellationToken);
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false; // Not listening yet.
                }
            },
            "the identity provider to be ready",
            TimeSpan.FromMinutes(2));
    }

    private void KeepErrorLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_errors)
        {
            _errors.Enqueue(line);
            if (_errors.Count > 40)
            {
                _errors.Dequeue();
            }
        }
    }

    private string ErrorTail()
    {
        lock (_errors)
        {
            return string.Join('\n', _errors);
        }
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken);
}
