using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BekymringssamtaleService.Web.Email;

/// <summary>The section "Smtp": the mail server letters and reminders go through.</summary>
public sealed class SmtpSettings
{
    public const string SectionName = "Smtp";

    /// <summary>The mail relay's host name or address.</summary>
    [Required(ErrorMessage = "Smtp:Host is required.")]
    public string Host { get; init; } = "";

    /// <summary>587 for STARTTLS, 465 for TLS from the first byte.</summary>
    [Range(1, 65535, ErrorMessage = "Smtp:Port must be between 1 and 65535.")]
    public int Port { get; init; } = 587;

    /// <summary>How the connection is encrypted; <c>None</c> only to a server on loopback (the development and test sink). The relay's certificate must be trusted by the host.</summary>
    public SmtpSecurity Security { get; init; } = SmtpSecurity.StartTls;

    /// <summary>The relay's account, if it asks for one; given together with the password.</summary>
    public string? UserName { get; init; }

    /// <summary>A secret: from the environment or a secret store, never a file.</summary>
    public string? Password { get; init; }

    /// <summary>The address letters come from, and where the families' replies go.</summary>
    [Required(ErrorMessage = "Smtp:FromAddress is required.")]
    public string FromAddress { get; init; } = "";

    /// <summary>The sender's name the families see.</summary>
    [Required(ErrorMessage = "Smtp:FromName is required.")]
    public string FromName { get; init; } = "Politiet";

    /// <summary>How long one exchange with the relay may take before the send counts as failed (and is tried again).</summary>
    [Range(1, 300, ErrorMessage = "Smtp:TimeoutSeconds must be between 1 and 300.")]
    public int TimeoutSeconds { get; init; } = 30;
}

public enum SmtpSecurity
{
    /// <summary>Plain SMTP: allowed only to a server on this machine (the development and test sink).</summary>
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>Rules that data annotations cannot say; each failure names the setting.</summary>
public sealed class SmtpSettingsValidation : IValidateOptions<SmtpSettings>
{
    public ValidateOptionsResult Validate(string? name, SmtpSettings options)
    {
        var failures = new List<string>();
        if (!MailboxAddress.TryParse(options.FromAddress, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            failures.Add("Smtp:FromAddress must be an e-mail address.");
        }

        if (string.IsNullOrEmpty(options.UserName) != string.IsNullOrEmpty(options.Password))
        {
            failures.Add("Smtp:UserName and Smtp:Password must be given together.");
        }

        if (options.Security == SmtpSecurity.None && !IsLoopback(options.Host))
        {
            failures.Add("Smtp:Security=None is allowed only for a server on loopback; use StartTls or SslOnConnect.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
