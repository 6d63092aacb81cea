using System.Net;
using System.Text.RegularExpressions;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.StaffRegister;

/// <summary>The Admin's pages as a browser uses them: open a page, fill in its form (with the version it shows), submit.</summary>
internal static partial class AdminPages
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>An HTTP client signed in as the member of staff.</summary>
    public static async Task<HttpClient> SignedInAsync(ServiceHost host, string staffId)
    {
        var client = host.CreateHttpClient();
        await client.SignInAsync(staffId);
        return client;
    }

    /// <summary>
    /// Opens the page and submits a form of it with the fields given (a field may repeat: roles, units) and the version
    /// the page shows, unless the fields name one. The anti-forgery token is taken from <paramref name="tokenFrom"/> where the
    /// page itself cannot be opened.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, string page, IEnumerable<(string Name, string Value)> fields, string? handler = null, string? tokenFrom = null)
    {
        var html = await client.GetStringAsync(tokenFrom ?? page, Token);
        var posted = fields.ToList();
        posted.Add(("__RequestVerificationToken", AntiforgeryToken().Match(html).Groups[1].Value));
        if (!posted.Any(field => field.Name == "Version") && VersionField().Match(html) is { Success: true } version)
        {
            posted.Add(("Version", version.Groups[1].Value));
        }

        using var form = new FormUrlEncodedContent(posted.Select(field => KeyValuePair.Create(field.Name, field.Value)));
        return await client.PostAsync(handler is null ? page : $"{page}?handler={handler}", form, Token);
    }

    /// <summary>The version of the person or unit the page shows, as its forms carry it.</summary>
    public static async Task<string> VersionOnAsync(this HttpClient client, string page) =>
        VersionField().Match(await client.GetStringAsync(page, Token)).Groups[1].Value;

    /// <summary>The fields of the details form: name, e-mail, each role and each unit.</summary>
    public static List<(string, string)> Details(string? name, string? email, string[] roles, string[] units, string? id = null) =>
    [
        .. id is null ? [] : new[] { ("Input.Id", id) },
        ("Input.DisplayName", name ?? ""),
        ("Input.Email", email ?? ""),
        .. roles.Select(role => ("Input.Roles", role)),
        .. units.Select(unit => ("Input.Units", unit)),
    ];

    public static async Task<string> BodyAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}:\n{body}");
        return WebUtility.HtmlDecode(body);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("name=\"Version\" value=\"([0-9]+)\"")]
    private static partial Regex VersionField();
}
