using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BekymringssamtaleService.DevIdentityProvider;

/// <summary>
/// At start: creates the provider's schema in its database if it has none, and registers the service's two clients
/// exactly as the settings describe them now (a run on other ports replaces the redirect addresses of the last one).
/// </summary>
public static class ClientRegistrations
{
    public static async Task ApplyAsync(IServiceProvider services, IdentityProviderSettings settings, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentityProviderDbContext>().Database.EnsureCreatedAsync(cancellationToken);
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await RegisterAsync(applications, WebClient(settings.WebClient), cancellationToken);
        await RegisterAsync(applications, ProgramClient(settings.ProgramClient), cancellationToken);
    }

    private static OpenIddictApplicationDescriptor WebClient(WebClientSettings web)
    {
        var client = new OpenIddictApplicationDescriptor
        {
            ClientId = web.ClientId,
            ClientSecret = web.ClientSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "Bekymringssamtale",
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        client.RedirectUris.UnionWith(web.RedirectUris.Select(uri => new Uri(uri)));
        client.PostLogoutRedirectUris.UnionWith(web.PostLogoutRedirectUris.Select(uri => new Uri(uri)));
        return client;
    }

    private static OpenIddictApplicationDescriptor ProgramClient(ProgramClientSettings program) => new()
    {
        ClientId = program.ClientId,
        ClientSecret = program.ClientSecret,
        ClientType = ClientTypes.Confidential,
        DisplayName = "Program som bruker API-et",
        Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
    };

    private static async Task RegisterAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor client, CancellationToken cancellationToken)
    {
        var existing = await applications.FindByClientIdAsync(client.ClientId!, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(client, cancellationToken);
        }
        else
        {
            await applications.UpdateAsync(existing, client, cancellationToken);
        }
    }
}
