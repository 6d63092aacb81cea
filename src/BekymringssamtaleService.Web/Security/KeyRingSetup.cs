using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BekymringssamtaleService.Web.Data;
using Microsoft.AspNetCore.DataProtection;

namespace BekymringssamtaleService.Web.Security;

/// <summary>
/// The data-protection key ring (what protects the sign-in cookie, anti-forgery tokens and the OpenID Connect
/// correlation) is kept in PostgreSQL, so every host on the database reads what any other wrote, and a restart keeps
/// everyone signed in. Outside Development the keys are encrypted at rest with a certificate (RSA): whoever reads the
/// table without it cannot forge a cookie. The host refuses to start without one there.
/// </summary>
public static class KeyRingSetup
{
    /// <summary>Every host of the service shares this name, whatever folder it runs from: keys are isolated by it.</summary>
    public const string ApplicationName = "BekymringssamtaleService";

    public static WebApplicationBuilder AddKeyRing(this WebApplicationBuilder builder)
    {
        var protectsKeys = !builder.Environment.IsDevelopment();
        builder.Services.AddOptions<KeyRingSettings>()
            .BindConfiguration(KeyRingSettings.SectionName)
            .Validate(
                settings => !protectsKeys || !string.IsNullOrWhiteSpace(settings.Certificate.Path),
                $"{KeyRingSettings.SectionName}:Certificate:Path is required outside Development: the certificate (PKCS#12 or PEM, " +
                "with its RSA private key) that encrypts the data-protection keys kept in the database.")
            .ValidateOnStart();

        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<ServiceDbContext>();
        var certificate = builder.Configuration.GetSection(KeyRingSettings.SectionName).Get<KeyRingSettings>()?.Certificate;
        if (!string.IsNullOrWhiteSpace(certificate?.Path))
        {
            dataProtection.ProtectKeysWithCertificate(Load(certificate));
        }

        return builder;
    }

    private static X509Certificate2 Load(KeyRingCertificateSettings settings)
    {
        const string Setting = $"{KeyRingSettings.SectionName}:Certificate:Path";
        X509Certificate2 certificate;
        try
        {
            certificate = Path.GetExtension(settings.Path).Equals(".pem", StringComparison.OrdinalIgnoreCase)
                ? X509Certificate2.CreateFromPemFile(settings.Path, string.IsNullOrWhiteSpace(settings.KeyPath) ? null : settings.KeyPath)
                : X509CertificateLoader.LoadPkcs12FromFile(settings.Path, settings.Password);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"{Setting} ({settings.Path}) cannot be read as a certificate with its private key: {exception.Message} " +
                "A .pem file holds the certificate and the key (or the key is in Certificate:KeyPath); any other file is PKCS#12 (Certificate:Password).",
                exception);
        }

        using var key = certificate.GetRSAPrivateKey();
        if (key is null)
        {
            throw new InvalidOperationException($"{Setting} ({settings.Path}) has no RSA private key: the key ring is encrypted with RSA.");
        }

        return certificate;
    }
}

/// <summary>The section "DataProtection".</summary>
public sealed class KeyRingSettings
{
    public const string SectionName = "DataProtection";

    public KeyRingCertificateSettings Certificate { get; init; } = new();
}

/// <summary>The section "DataProtection:Certificate": encrypts the key ring at rest. Required outside Development.</summary>
public sealed class KeyRingCertificateSettings
{
    /// <summary>A PKCS#12 file (.pfx, .p12) or a PEM file (.pem) with the certificate and its RSA private key.</summary>
    public string Path { get; init; } = "";

    /// <summary>The PKCS#12 file's password, if it has one.</summary>
    public string? Password { get; init; }

    /// <summary>For a PEM certificate whose private key is in a file of its own.</summary>
    public string? KeyPath { get; init; }
}
