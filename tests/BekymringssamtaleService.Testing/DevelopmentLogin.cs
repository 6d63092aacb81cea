using System.Net;
using System.Text.RegularExpressions;

namespace BekymringssamtaleService.Testing;

/// <summary>Signs an HTTP client in the way a person does: open the login page, pick a demo user, submit.</summary>
public static partial class DevelopmentLogin
{
    public static async Task SignInAsync(this HttpClient client, string staffId)
    {
        var page = await client.GetStringAsync("/logg-inn");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["StaffId"] = staffId,
            ["__RequestVerificationToken"] = token,
        });
        using var response = await client.PostAsync("/logg-inn", form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {staffId} answered {(int)response.StatusCode}.");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
