using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BekymringssamtaleService.Web.Email;

/// <summary>The section "Smtp": the mail server letters and reminders go through.</summary>
public sealed class SmtpSettings
{
    public const string SectionName = "Smtp";

    [Required(ErrorMessage = "Smtp:Host is required.")]
    public string Host { get; init; } = "";

    [Range(1, 65535, ErrorMessage = "Smtp:Port must be between 1 and 65535.")]
    public int Port { get; init; } = 587;

    public SmtpSecurity Security { get; init; } = SmtpSecurity.StartTls;

    public string? UserName { get; init; }

    public string? Password { get; init; }

    [Required(ErrorMessage = "Smtp:FromAddress is required.")]
    public string FromAddress { get; init; } = "";

    [Required(ErrorMessage = "Smtp:FromName is required.")]
    public string FromName { get; init; } = "Politiet";

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
