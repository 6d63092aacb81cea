using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BekymringssamtaleService.Testing;

/// <summary>
/// The certificate that encrypts the data-protection keys at rest (DataProtection:Certificate:Path), as PKCS#12
/// without a password, made once per test run: every host a test starts on one database must share it.
/// </summary>
public static class KeyRingCertificate
{
    public static string Path => File.Value;

    private static readonly Lazy<string> File = new(() =>
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=BekymringssamtaleService key ring (tests)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
        var folder = Directory.CreateTempSubdirectory("key-ring-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        var path = System.IO.Path.Combine(folder, "key-ring.pfx");
        System.IO.File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        return path;
    });
}
