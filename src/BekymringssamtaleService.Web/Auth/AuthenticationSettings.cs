using System.ComponentModel.DataAnnotations;

namespace BekymringssamtaleService.Web.Auth;

/// <summary>The section "Authentication".</summary>
public sealed class AuthenticationSettings
{
    public const string SectionName = "Authentication";

    public DevelopmentLoginSettings DevelopmentLogin { get; init; } = new();
}

/// <summary>Pick a demo user instead of signing in. Allowed in the Development environment only.</summary>
public sealed class DevelopmentLoginSettings
{
    public bool Enabled { get; init; }
}

/// <summary>The section "Authentication:OpenIdConnect": the identity provider used everywhere but in development.</summary>
public sealed class OpenIdConnectSettings : IValidatableObject
{
    public const string SectionName = "Authentication:OpenIdConnect";

    [Required(ErrorMessage = "Authentication:OpenIdConnect:Authority is required.")]
    [Url(ErrorMessage = "Authentication:OpenIdConnect:Authority must be an absolute URL.")]
    public string Authority { get; init; } = "";

    [Required(ErrorMessage = "Authentication:OpenIdConnect:ClientId is required.")]
    public string ClientId { get; init; } = "";

    [Required(ErrorMessage = "Authentication:OpenIdConnect:ClientSecret is required.")]
    public string ClientSecret { get; init; } = "";

    /// <summary>The token claim that identifies the person; matched against the staff register.</summary>
    [Required(ErrorMessage = "Authentication:OpenIdConnect:SubjectClaim is required.")]
    public string SubjectClaim { get; init; } = "sub";

    /// <summary>
    /// A PEM file of the certificate (or CA) the identity provider's HTTPS must chain to, when this machine does not
    /// trust its issuer: a private CA, or the development identity provider's self-signed certificate. Used for the
    /// backchannel of both the sign-in and the bearer tokens; left out, the machine's trusted CAs decide.
    /// </summary>
    public string? TrustedCertificatePath { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(TrustedCertificatePath) && !File.Exists(TrustedCertificatePath))
        {
            yield return new ValidationResult(
                $"Authentication:OpenIdConnect:TrustedCertificatePath names {TrustedCertificatePath}, which does not exist.",
                [nameof(TrustedCertificatePath)]);
        }
    }
}
