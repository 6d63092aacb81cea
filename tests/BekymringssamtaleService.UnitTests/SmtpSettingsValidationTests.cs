using BekymringssamtaleService.Web.Email;

namespace BekymringssamtaleService.UnitTests;

public sealed class SmtpSettingsValidationTests
{
    private static readonly SmtpSettingsValidation Validation = new();

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("::1")]
    public void Plain_SMTP_to_a_server_on_this_machine_is_accepted(string host)
    {
        var result = Validation.Validate(null, Settings(host: host, security: SmtpSecurity.None));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Plain_SMTP_to_another_machine_is_refused_with_the_setting_named()
    {
        var result = Validation.Validate(null, Settings(host: "smtp.politiet.example", security: SmtpSecurity.None));

        Assert.True(result.Failed);
        Assert.Contains("Smtp:Security=None is allowed only for a server on loopback", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("forebygging")]
    [InlineData("forebygging@")]
    public void A_from_address_that_is_not_an_e_mail_address_is_refused(string fromAddress)
    {
        var result = Validation.Validate(null, Settings(fromAddress: fromAddress));

        Assert.Contains("Smtp:FromAddress must be an e-mail address.", result.Failures ?? [], StringComparer.Ordinal);
    }

    [Fact]
    public void A_user_name_without_a_password_is_refused()
    {
        var result = Validation.Validate(null, Settings(userName: "forebygging"));

        Assert.Contains("Smtp:UserName and Smtp:Password must be given together.", result.Failures ?? [], StringComparer.Ordinal);
    }

    [Fact]
    public void StartTls_with_credentials_to_a_remote_server_is_accepted()
    {
        var result = Validation.Validate(null, Settings(userName: "forebygging", password: "hemmelig"));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    private static SmtpSettings Settings(
        string host = "smtp.politiet.example",
        SmtpSecurity security = SmtpSecurity.StartTls,
        string fromAddress = "forebygging@politiet.example",
        string? userName = null,
        string? password = null) =>
        new() { Host = host, Security = security, FromAddress = fromAddress, UserName = userName, Password = password };
}
