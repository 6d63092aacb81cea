using System.Net;

namespace BekymringssamtaleService.Testing;

/// <summary>Signs an HTTP client in the way a person does: open the login page, pick a demo user, submit.</summary>
public static class DevelopmentLogin
{
    public static async Task SignInAsync(this HttpClient client, string staffId)
    {
        using var response = await client.SubmitAsync("/logg-inn", new Dictionary<string, string> { ["StaffId"] = staffId });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {staffId} answered {(int)response.StatusCode}.");
        }
    }
}
