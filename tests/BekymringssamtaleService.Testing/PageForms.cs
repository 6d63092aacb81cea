using System.Text.RegularExpressions;

namespace BekymringssamtaleService.Testing;

/// <summary>Submits a page's form as a browser does: with the anti-forgery token the page rendered.</summary>
public static partial class PageForms
{
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string page, IReadOnlyDictionary<string, string> fields, string? handler = null)
    {
        var html = await client.GetStringAsync(page);
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token });
        return await client.PostAsync(handler is null ? page : $"{page}?handler={handler}", form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
