using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BekymringssamtaleService.Testing;

/// <summary>
/// A self-signed TLS certificate for 127.0.0.1 and localhost, written as PEM files (certificate, and unencrypted key)
/// that Kestrel serves with and that a client can be told to trust.
/// </summary>
public sealed record SelfSignedCertificate(string CertificatePath, string KeyPath)
{
    public static SelfSignedCertificate Create(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server authentication
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(7));

        Directory.CreateDirectory(folder);
        var certificatePath = Path.Combine(folder, "certificate.pem");
        var keyPath = Path.Combine(folder, "key.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return new SelfSignedCertificate(certificatePath, keyPath);
    }

    /// <summary>The Kestrel settings (environment variables) that serve HTTPS with this certificate.</summary>
    public IReadOnlyDictionary<string, string> KestrelSettings() => new Dictionary<string, string>
    {
        ["Kestrel__Certificates__Default__Path"] = CertificatePath,
        ["Kestrel__Certificates__Default__KeyPath"] = KeyPath,
    };

    /// <summary>An HTTP client that trusts this certificate (and nothing else self-signed).</summary>
    public HttpClient TrustingClient(Uri baseAddress, bool followRedirects = true)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(CertificatePath);
        var trusted = certificates[0];
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = followRedirects,
            UseCookies = false,
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented is not null && presented.RawDataMemory.Span.SequenceEqual(trusted.RawDataMemory.Span),
        };
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress };
    }
}
