using FluentValidation;
using MailRouting.Connections;
using MailRouting.Data;
using MailRouting.Servers.Presets;
using MailRouting.Validation;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Servers;

public sealed class SmtpServerInputValidator : AbstractValidator<SmtpServerInput>
{
    public SmtpServerInputValidator(MailRoutingDbContext db)
    {
        RuleFor(s => s.Name).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Enter a name.")
            .MaximumLength(100)
            .MustAsync(async (input, name, ct) => !await db.SmtpServers.AnyAsync(s => s.Name == name.Trim() && s.Id != input.Id, ct))
            .WithMessage(s => $"A server named '{s.Name.Trim()}' already exists.");
        RuleFor(s => s.Transport).IsInEnum();
        RuleFor(s => s.EffectiveHost).NotEmpty().WithName("Host").OverridePropertyName(nameof(SmtpServerInput.Host))
            .WithMessage("Enter the server's host name or IP address.")
            .Must(EmailAddresses.IsHostName).When(s => !string.IsNullOrWhiteSpace(s.EffectiveHost))
            .WithMessage("Enter a valid host name (such as smtp.example.com) or IP address.");
        RuleFor(s => s.AuthMethod).Must(m => m.UsesToken()).When(s => s.Transport.IsHttpApi())
            .WithMessage(s => $"{s.Transport.Describe()} signs in with OAuth2 only: choose OAuth2 (a connected "
                + $"mailbox) or OAuth2 with the app's own permission.");
        // A bearer token must not cross the network in the clear: plain http only to this machine (a local stand-in).
        RuleFor(s => s.Security).Must((input, security) =>
                security != SmtpSecurity.None || LoopbackHosts.Contains(input.EffectiveHost))
            .When(s => s.Transport.IsHttpApi())
            .WithMessage("An HTTP mail API is reached over HTTPS: choose SSL/TLS (plain http is only allowed to this "
                + "machine).");
        RuleFor(s => s.PinnedCertificateSha256).Empty().When(s => s.Transport.IsHttpApi())
            .WithMessage(
                "An HTTP mail API's certificate must be one this machine trusts; pinning is for SMTP servers.");
        RuleFor(s => s.Port).InclusiveBetween(1, 65535).When(s => s.Port is not null)
            .WithMessage("The port must be between 1 and 65535.");
        RuleFor(s => s.Security).IsInEnum();
        RuleFor(s => s.AuthMethod).IsInEnum();
        RuleFor(s => s.AuthMethod).NotEqual(SmtpAuthMethod.OAuth2App).When(s => s.Transport == ServerTransport.GmailApi)
            .WithMessage("The Gmail API sends as a connected mailbox: choose OAuth2 and connect the mailbox.");
        RuleFor(s => s.Username).NotEmpty().When(s =>
                s.AuthMethod is not (SmtpAuthMethod.None or SmtpAuthMethod.OAuth2App))
            .WithMessage("Enter the username this server signs in with.");
        RuleFor(s => s.Password)
            .MustAsync(async (input, password, ct) => !string.IsNullOrEmpty(password) || await KeepsStoredPasswordAsync(db, input, ct))
            .When(s => s.AuthMethod != SmtpAuthMethod.None && !s.AuthMethod.UsesToken())
            .WithMessage("Enter the password for this username.");
        RuleFor(s => s.Password).Empty().When(s => s.AuthMethod == SmtpAuthMethod.OAuth2)
            .WithMessage("OAuth2 needs no password: save, then connect the mailbox.");
        RuleFor(s => s.Password).Empty().When(s => s.AuthMethod == SmtpAuthMethod.OAuth2App)
            .WithMessage("The app's own permission needs no password: its client secret is on the OAuth app.");
        RuleFor(s => s.OAuthAppId).Cascade(CascadeMode.Stop).NotNull().WithMessage("Choose the OAuth app this server connects through.")
            .MustAsync(async (id, ct) => await db.OAuthApps.AnyAsync(a => a.Id == id, ct)).WithMessage("That OAuth app does not exist.")
            .When(s => s.AuthMethod.UsesToken());
        RuleFor(s => s.OAuthAppId)
            .MustAsync(async (id, ct) => await db.OAuthApps.AnyAsync(a =>
                        a.Id == id && a.Provider != OAuth.OAuthProvider.Google, ct))
            .When(s => s is { AuthMethod: SmtpAuthMethod.OAuth2App, OAuthAppId: not null })
            .WithMessage("Google gives an app no permission of its own to send mail this way: choose OAuth2 and "
                + "connect the mailbox.");
        RuleFor(s => s.FallbackServerId)
            .MustAsync(async (input, id, ct) => id != input.Id && await db.SmtpServers.AnyAsync(s => s.Id == id, ct))
            .When(s => s.FallbackServerId is not null)
            .WithMessage("Choose another existing server as the fallback (or none).");
        RuleFor(s => s.Username).Must(EmailAddresses.IsValid).When(s => s.AuthMethod == SmtpAuthMethod.OAuth2 && !string.IsNullOrWhiteSpace(s.Username))
            .WithMessage("With OAuth2 the username is the mailbox's email address, the account that will consent.");
        RuleFor(s => s.EffectiveSenderAddress).NotEmpty()
            .WithName("SenderAddress").OverridePropertyName(nameof(SmtpServerInput.SenderAddress))
            .WithMessage("Enter the sender address: the mailbox this account owns (it defaults to the username when that is an address).");
        RuleFor(s => s.SenderAddress).Must(EmailAddresses.IsValid).When(s => !string.IsNullOrWhiteSpace(s.SenderAddress))
            .WithMessage(s => $"'{s.SenderAddress}' is not a valid email address.");
        RuleFor(s => s.BounceAddress).Must(EmailAddresses.IsValid)
            .When(s => !string.IsNullOrWhiteSpace(s.BounceAddress))
            .WithMessage(s => $"'{s.BounceAddress}' is not a valid email address.");
        RuleFor(s => s.BounceAddress).Empty().When(s => (!string.IsNullOrWhiteSpace(s.BounceAddress) || s.Verp)
                && ProviderPresets.ForHost(s.EffectiveHost) is { SetsEnvelope: true })
            .WithMessage(s => $"{ProviderPresets.ForHost(s.EffectiveHost)!.Name} sets the envelope sender itself, so "
                + "bounces come back to the From mailbox: leave the bounce address empty and VERP off.");
        RuleForEach(s => s.SendAs).Must(EmailAddresses.IsAddressOrDomainPattern)
            .WithMessage((_, value) => $"'{value}' is neither an email address nor a pattern such as *@example.com.");
        RuleFor(s => s.TimeoutSeconds).InclusiveBetween(1, 300).When(s => s.TimeoutSeconds is not null)
            .WithMessage("The timeout must be between 1 and 300 seconds.");
        RuleFor(s => s.PinnedCertificateSha256)
            .Must(p => CertificateCheck.Normalize(p!).Length == 64 && p!.All(c => Uri.IsHexDigit(c) || c is ':' or ' '))
            .When(s => !string.IsNullOrWhiteSpace(s.PinnedCertificateSha256))
            .WithMessage("A SHA-256 fingerprint has 64 hexadecimal digits (colons allowed), as shown in the test report.");
        RuleFor(s => s.SenderName).MaximumLength(200);
        RuleFor(s => s.MaxMessagesPerSession).InclusiveBetween(1, 100_000).When(s => s.MaxMessagesPerSession is not null)
            .WithMessage("Messages per session must be at least 1 (leave it empty for no limit).");
        RuleFor(s => s.MaxMessagesPerMinute).InclusiveBetween(1, 100_000).When(s => s.MaxMessagesPerMinute is not null)
            .WithMessage("Messages per minute must be at least 1 (leave it empty for no limit).");
        RuleFor(s => s.MaxConcurrentSessions).InclusiveBetween(1, 20).When(s => s.MaxConcurrentSessions is not null)
            .WithMessage("Parallel sessions must be between 1 and 20 (leave it empty for one).");
        RuleFor(s => s.Description).MaximumLength(500).WithMessage("An internal description has at most 500 characters.");
        RuleFor(s => s.ClientName).Must(EmailAddresses.IsHostName).When(s => !string.IsNullOrWhiteSpace(s.ClientName))
            .WithMessage("The client name (EHLO) must be a host name such as crm.example.com.");
    }

    private static async Task<bool> KeepsStoredPasswordAsync(MailRoutingDbContext db, SmtpServerInput input, CancellationToken ct) =>
        !input.ClearPassword && input.Id is { } id && await db.SmtpServers.AnyAsync(s => s.Id == id && s.ProtectedPassword != null, ct);
}
