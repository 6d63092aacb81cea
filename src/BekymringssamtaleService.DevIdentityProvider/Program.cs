// The development identity provider: an OpenID Connect provider (OpenIddict) for development, the production-like run
// and the tests — never for production. People sign in by picking a demo user of seeds/demo-users.json (no passwords);
// programs get bearer tokens with client credentials. It serves HTTPS only, with the certificate it is given.
//
// Start it (from the repository root; PEM files, or Path alone for a .pfx with Kestrel__Certificates__Default__Password):
//
//   dotnet run --project src/BekymringssamtaleService.DevIdentityProvider -- --urls https://127.0.0.1:5444 \
//     --Kestrel:Certificates:Default:Path=cert.pem --Kestrel:Certificates:Default:KeyPath=key.pem \
//     --ConnectionStrings:IdentityProvider="Host=127.0.0.1;Username=postgres;Database=bekymring_idp" \
//     --IdentityProvider:UsersFile=seeds/demo-users.json \
//     --IdentityProvider:WebClient:ClientId=bekymringssamtale --IdentityProvider:WebClient:ClientSecret=... \
//     --IdentityProvider:WebClient:RedirectUris:0=https://127.0.0.1:5443/signin-oidc \
//     --IdentityProvider:WebClient:PostLogoutRedirectUris:0=https://127.0.0.1:5443/signout-callback-oidc \
//     --IdentityProvider:ProgramClient:ClientId=bekymringssamtale-program --IdentityProvider:ProgramClient:ClientSecret=... \
//     --IdentityProvider:ProgramClient:Subject=dev:betjent-oslo
//
// (or the same as environment variables, IdentityProvider__WebClient__ClientId=…). It creates its tables in the
// database it is given, which should be its own; its signing keys live in memory, so a restart ends every session
// and token it issued. The service then needs Authentication:OpenIdConnect:Authority=https://127.0.0.1:5444/, the web
// client's id and secret, and Authentication:OpenIdConnect:TrustedCertificatePath=cert.pem.
using BekymringssamtaleService.DevIdentityProvider;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // Run without an environment named, it is a development tool in Development.
    EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environments.Development,
});
if (builder.Environment.IsProduction())
{
    await Console.Error.WriteLineAsync(
        "The development identity provider refuses to start in the Production environment: anyone can sign in as anyone " +
        "with it. Production uses the organisation's own identity provider.");
    return 1;
}

// Its own tables' statements are of no interest to someone signing in.
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

var settings = builder.Configuration.GetSection(IdentityProviderSettings.SectionName).Get<IdentityProviderSettings>() ?? new();
var connectionString = builder.Configuration.GetConnectionString("IdentityProvider");
var problems = settings.Problems().Concat(string.IsNullOrWhiteSpace(connectionString) ? ["ConnectionStrings:IdentityProvider is required."] : []).ToList();
if (problems.Count > 0)
{
    await Console.Error.WriteLineAsync("The development identity provider cannot start:\n  " + string.Join("\n  ", problems));
    return 1;
}

builder.Services.Configure<IdentityProviderSettings>(builder.Configuration.GetSection(IdentityProviderSettings.SectionName));
builder.Services.AddSingleton(DevUsers.Load(Path.GetFullPath(settings.UsersFile, builder.Environment.ContentRootPath)));
builder.Services.AddDbContext<IdentityProviderDbContext>(options => options.UseNpgsql(connectionString).UseOpenIddict());
builder.Services
    .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options =>
    {
        options.Cookie.Name = "bks-idp.session";
        options.LoginPath = "/logg-inn";
    });
builder.Services.AddOpenIddict()
    .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityProviderDbContext>())
    .AddServer(server =>
    {
        server.SetAuthorizationEndpointUris(ConnectEndpoints.AuthorizationPath)
            .SetTokenEndpointUris(ConnectEndpoints.TokenPath)
            .SetEndSessionEndpointUris(ConnectEndpoints.EndSessionPath);
        server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
        server.AllowClientCredentialsFlow();
        server.RegisterScopes(OpenIddict.Abstractions.OpenIddictConstants.Scopes.Profile);

        // Keys in memory: enough for a tool; the service reads them from the JWKS document, and reads it again on an unknown key.
        server.AddEphemeralSigningKey().AddEphemeralEncryptionKey();

        // The service's JwtBearer validates the access tokens itself: signed JWTs, not encrypted ones.
        server.DisableAccessTokenEncryption();
        server.UseAspNetCore()
            .EnableAuthorizationEndpointPassthrough()
            .EnableTokenEndpointPassthrough()
            .EnableEndSessionEndpointPassthrough();
    });
builder.Services.AddRazorPages();

var app = builder.Build();
await ClientRegistrations.ApplyAsync(app.Services, app.Services.GetRequiredService<IOptions<IdentityProviderSettings>>().Value, app.Lifetime.ApplicationStopping);

app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages();
app.MapConnectEndpoints();
await app.RunAsync();
return 0;
