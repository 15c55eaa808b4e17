using MailRouting.Validation;
using Microsoft.Extensions.Options;

namespace MailRouting.Servers;

/// <summary>The built-in Internal server (configuration section Mail:Internal); shown read-only in the app.</summary>
public sealed class InternalServerOptions
{
    public const string Section = "Mail:Internal";

    public string Name { get; set; } = "Internal";
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;
    public SmtpAuthMethod AuthMethod { get; set; } = SmtpAuthMethod.None;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string SenderAddress { get; set; } = "noreply@localhost";
    public string? SenderName { get; set; } = "MailRouting";
    public string? ClientName { get; set; }
    public int TimeoutSeconds { get; set; } = SmtpServer.DefaultTimeoutSeconds;
    public string? PinnedCertificateSha256 { get; set; }
    public int? MaxMessagesPerSession { get; set; }
    public int? MaxMessagesPerMinute { get; set; }
    public int? MaxConcurrentSessions { get; set; }
}

internal sealed class InternalServerOptionsValidator : IValidateOptions<InternalServerOptions>
{
    public ValidateOptionsResult Validate(string? name, InternalServerOptions options)
    {
        var failures = new List<string>();
        if (!EmailAddresses.IsHostName(options.Host))
        {
            failures.Add($"{InternalServerOptions.Section}:Host '{options.Host}' is not a host name or IP address.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"{InternalServerOptions.Section}:Port must be between 1 and 65535.");
        }

        if (!EmailAddresses.IsValid(options.SenderAddress))
        {
            failures.Add($"{InternalServerOptions.Section}:SenderAddress '{options.SenderAddress}' is not an email address.");
        }

        if (options.AuthMethod == SmtpAuthMethod.OAuth2)
        {
            failures.Add($"{InternalServerOptions.Section}:AuthMethod OAuth2 is not available for the Internal server; add a server with OAuth2 in the app and make it the default.");
        }
        else if (options.AuthMethod != SmtpAuthMethod.None && (string.IsNullOrEmpty(options.Username) || string.IsNullOrEmpty(options.Password)))
        {
            failures.Add($"{InternalServerOptions.Section}:AuthMethod {options.AuthMethod} needs Username and Password.");
        }

        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add($"{InternalServerOptions.Section}:Name must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
