using System.Text.RegularExpressions;

namespace BekymringssamtaleService.Testing;

/// <summary>Submits a page's form as a browser does: with the anti-forgery token the page rendered.</summary>
public static partial class PageForms
{
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string page, IReadOnlyDictionary<string, string> fields, string? handler = null)
    {
        var token = await client.AntiforgeryTokenAsync(page);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token });
        return await client.PostAsync(handler is null ? page : $"{page}?handler={handler}", form);
    }

    /// <summary>Submits the form as multipart/form-data with each value's bytes exactly as given (e.g. bytes that are not UTF-8).</summary>
    public static async Task<HttpResponseMessage> SubmitMultipartAsync(this HttpClient client, string page, IReadOnlyDictionary<string, byte[]> fields)
    {
        var html = await client.GetStringAsync(page);
        using var form = new MultipartFormDataContent { { new StringContent(AntiforgeryToken().Match(html).Groups[1].Value), "__RequestVerificationToken" } };
        foreach (var (name, bytes) in fields)
        {
            form.Add(new ByteArrayContent(bytes), name);
        }

        return await client.PostAsync(page, form);
    }

    /// <summary>The anti-forgery token of the (first) form the page renders.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string page) =>
        AntiforgeryToken().Match(await client.GetStringAsync(page)).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
