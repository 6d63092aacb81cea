using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BekymringssamtaleService.Testing;

/// <summary>The certificates a production-like test run needs, made here (no openssl, nothing downloaded).</summary>
public static class SelfSignedCertificates
{
    /// <summary>
    /// The certificate that encrypts the data-protection keys at rest (DataProtection:Certificate:Path), as PKCS#12
    /// without a password, made once per test run: every host a test starts on one database must share it.
    /// </summary>
    public static string KeyRingPath => KeyRing.Value;

    private static readonly Lazy<string> KeyRing = new(() =>
    {
        using var certificate = Create("CN=BekymringssamtaleService key ring (tests)");
        var folder = Directory.CreateTempSubdirectory("key-ring-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        var path = Path.Combine(folder, "key-ring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        return path;
    });

    /// <summary>
    /// A TLS server certificate for https://127.0.0.1, written as PEM (certificate, private key) into the folder, and
    /// its thumbprint (what a client that trusts it alone checks).
    /// </summary>
    public static (string CertificatePath, string KeyPath, string Thumbprint) WriteTlsPem(string folder)
    {
        using var certificate = Create("CN=127.0.0.1", IPAddress.Loopback);
        var certificatePath = Path.Combine(folder, "tls.crt");
        var keyPath = Path.Combine(folder, "tls.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        using var key = certificate.GetRSAPrivateKey()!;
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath, certificate.GetCertHashString());
    }

    private static X509Certificate2 Create(string subject, IPAddress? address = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (address is not null)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(address);
            request.CertificateExtensions.Add(names.Build());
        }

        var now = TimeProvider.System.GetUtcNow();
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
    }
}
