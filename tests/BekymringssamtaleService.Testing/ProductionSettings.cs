using System.Globalization;

namespace BekymringssamtaleService.Testing;

/// <summary>
/// What a host in its own process (<see cref="ServiceProcess"/>) needs in Production besides its database and mail
/// server: the repository's folders, a sender, and no demo data (refused outside Development).
/// </summary>
public static class ProductionSettings
{
    /// <summary>The settings above, with the identity provider's settings to be added by the caller.</summary>
    public static Dictionary<string, string> Create(IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Seeds__LoadDemoData"] = "false",
            ["Seeds__Folder"] = RepositoryRoot.Combine("seeds"),
            ["Workflows__Folder"] = RepositoryRoot.Combine("workflows"),
            ["Letters__Folder"] = RepositoryRoot.Combine("workflows", "letters"),
            ["Smtp__FromAddress"] = "forebygging@politiet.example",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>
    /// The settings above with an identity provider nobody answers at: the host starts, but no token can be validated,
    /// so no request is signed in.
    /// </summary>
    public static Dictionary<string, string> WithUnreachableIdentityProvider() => Create(new Dictionary<string, string>
    {
        ["Authentication__OpenIdConnect__Authority"] = $"https://127.0.0.1:{FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture)}/",
        ["Authentication__OpenIdConnect__ClientId"] = "bekymringssamtale",
        ["Authentication__OpenIdConnect__ClientSecret"] = "hemmelig",
    });
}
