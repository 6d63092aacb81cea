using System.Net;
using BekymringssamtaleService.Testing;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests.SeveralHosts;

/// <summary>Hosts on one database share the data-protection key ring there, encrypted with the configured certificate.</summary>
public sealed class KeyRingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hosts_on_one_database_share_one_key_encrypted_with_the_certificate_so_a_sign_in_and_a_form_of_one_host_hold_on_the_other()
    {
        var keyRing = new Dictionary<string, string?> { ["DataProtection:Certificate:Path"] = KeyRingCertificate.Path };
        await using var first = await ServiceHost.StartAsync(settings: keyRing);
        await using var second = await ServiceHost.StartAsync(first.ConnectionString, keyRing);
        var browser = new CookieContainer();
        using var onFirst = first.CreateHttpClient(browser);
        using var onSecond = second.CreateHttpClient(browser);

        await onFirst.SignInAsync(DemoUsers.OsloOfficer);
        using var startPage = await onSecond.GetAsync("/", Token);
        var signOutToken = await onFirst.AntiforgeryTokenAsync("/");
        using var signOutForm = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = signOutToken });
        using var signOut = await onSecond.PostAsync("/logg-ut", signOutForm, Token);
        using var afterSignOut = await onFirst.GetAsync("/", Token);
        var keys = await KeysAsync(first.ConnectionString);

        Assert.Equal(HttpStatusCode.OK, startPage.StatusCode);
        Assert.Contains(DemoUsers.Get(DemoUsers.OsloOfficer).DisplayName, await startPage.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterSignOut.StatusCode);
        Assert.StartsWith("/logg-inn", afterSignOut.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var key = Assert.Single(keys);
        Assert.Contains("EncryptedXmlDecryptor", key, StringComparison.Ordinal);
        Assert.Contains("<X509Certificate>", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", key, StringComparison.Ordinal);
    }

    private static async Task<List<string>> KeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var query = new NpgsqlCommand("SELECT xml FROM data_protection_keys", connection);
        await using var reader = await query.ExecuteReaderAsync(Token);
        var keys = new List<string>();
        while (await reader.ReadAsync(Token))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
