namespace BekymringssamtaleService.DevIdentityProvider;

/// <summary>The section "IdentityProvider": who may sign in, and the two clients of the service.</summary>
public sealed class IdentityProviderSettings
{
    public const string SectionName = "IdentityProvider";

    /// <summary>seeds/demo-users.json: every demo user with an externalSubject can sign in as that subject.</summary>
    public string UsersFile { get; init; } = "";

    public WebClientSettings WebClient { get; init; } = new();

    public ProgramClientSettings ProgramClient { get; init; } = new();

    /// <summary>The settings missing or malformed, each named as its environment variable's configuration key.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Require(UsersFile, "UsersFile");
        Require(WebClient.ClientId, "WebClient:ClientId");
        Require(WebClient.ClientSecret, "WebClient:ClientSecret");
        RequireUris(WebClient.RedirectUris, "WebClient:RedirectUris");
        RequireUris(WebClient.PostLogoutRedirectUris, "WebClient:PostLogoutRedirectUris");
        Require(ProgramClient.ClientId, "ProgramClient:ClientId");
        Require(ProgramClient.ClientSecret, "ProgramClient:ClientSecret");
        Require(ProgramClient.Subject, "ProgramClient:Subject");
        return problems;

        void Require(string value, string key)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{SectionName}:{key} is required.");
            }
        }

        void RequireUris(IReadOnlyList<string> uris, string key)
        {
            if (uris.Count == 0)
            {
                problems.Add($"{SectionName}:{key} needs at least one URI.");
            }

            problems.AddRange(uris
                .Where(uri => !Uri.TryCreate(uri, UriKind.Absolute, out _))
                .Select(uri => $"{SectionName}:{key} holds '{uri}', which is not an absolute URI."));
        }
    }
}

/// <summary>The service's dashboard: a confidential client signing people in with the code flow and PKCE.</summary>
public sealed class WebClientSettings
{
    public string ClientId { get; init; } = "";
    public string ClientSecret { get; init; } = "";

    /// <summary>The service's callback, e.g. https://127.0.0.1:5443/signin-oidc (one per address the service is reached at).</summary>
    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    /// <summary>Where the provider sends the browser after signing out, e.g. https://127.0.0.1:5443/signout-callback-oidc.</summary>
    public IReadOnlyList<string> PostLogoutRedirectUris { get; init; } = [];
}

/// <summary>
/// A program calling the service's API with bearer tokens (client credentials). Its tokens carry <see cref="Subject"/>,
/// which the staff register links to a member of staff, whose roles and units the program then has — as a service
/// account of a real provider would be linked.
/// </summary>
public sealed class ProgramClientSettings
{
    public string ClientId { get; init; } = "";
    public string ClientSecret { get; init; } = "";
    public string Subject { get; init; } = "";
}
