using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace BekymringssamtaleService.Web.Auth;

/// <summary>
/// The backchannel to the identity provider (discovery, signing keys, tokens) when its certificate is not issued by a
/// CA this machine trusts: a private CA, or the development identity provider's self-signed certificate. The chain
/// must end in a certificate of <see cref="OpenIdConnectSettings.TrustedCertificatePath"/> (PEM, one or more), and the
/// name must match as always.
/// </summary>
public static class TrustedCertificateBackchannel
{
    public static HttpMessageHandler Create(string trustedCertificatePath)
    {
        var trusted = new X509Certificate2Collection();
        trusted.ImportFromPemFile(trustedCertificatePath);
        var chainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            // A private CA or a self-signed certificate publishes no revocation list to check.
            RevocationMode = X509RevocationMode.NoCheck,
        };
        chainPolicy.CustomTrustStore.AddRange(trusted);
        return new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = chainPolicy } };
    }
}
