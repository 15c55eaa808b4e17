using MailRouting.Validation;
using FluentValidation;
using MailRouting.Data;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.OAuth;

public sealed class OAuthAppInputValidator : AbstractValidator<OAuthAppInput>
{
    public OAuthAppInputValidator(MailRoutingDbContext db)
    {
        RuleFor(a => a.Name).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Enter a name.").MaximumLength(100)
            .MustAsync(async (input, name, ct) => !await db.OAuthApps.AnyAsync(a => a.Name == name.Trim() && a.Id != input.Id, ct))
            .WithMessage(a => $"An OAuth app named '{a.Name.Trim()}' already exists.");
        RuleFor(a => a.Provider).IsInEnum();
        RuleFor(a => a.ClientId).NotEmpty().WithMessage("Enter the client id (application id) from the provider's app registration.").MaximumLength(200);
        RuleFor(a => a.ClientSecret)
            .MustAsync(async (input, secret, ct) => !string.IsNullOrEmpty(secret) || (input.Id is { } id && await db.OAuthApps.AnyAsync(a => a.Id == id && a.ProtectedClientSecret != null, ct)))
            .When(a => a.Provider != OAuthProvider.Other)
            .WithMessage("Enter the client secret from the provider's app registration.");
        RuleFor(a => a.ClientSecret).MaximumLength(1000);
        RuleFor(a => a.Tenant).Matches("^[A-Za-z0-9.-]{1,100}$").When(a => a.Provider == OAuthProvider.Microsoft365 && !string.IsNullOrWhiteSpace(a.Tenant))
            .WithMessage("The tenant is a directory id (a GUID), a domain such as contoso.onmicrosoft.com, or 'organizations'.");
        RuleFor(a => a.Issuer).Must(IsEndpoint).When(a => a.Provider == OAuthProvider.Other && !string.IsNullOrWhiteSpace(a.Issuer))
            .WithMessage(Https);
        RuleFor(a => a.AuthorizationEndpoint).Must(IsEndpoint).When(a => a.Provider == OAuthProvider.Other && !string.IsNullOrWhiteSpace(a.AuthorizationEndpoint))
            .WithMessage(Https);
        RuleFor(a => a.TokenEndpoint).Must(IsEndpoint).When(a => a.Provider == OAuthProvider.Other && !string.IsNullOrWhiteSpace(a.TokenEndpoint))
            .WithMessage(Https);
        RuleFor(a => a.Issuer).NotEmpty()
            .When(a => a.Provider == OAuthProvider.Other && (string.IsNullOrWhiteSpace(a.AuthorizationEndpoint) || string.IsNullOrWhiteSpace(a.TokenEndpoint)))
            .WithMessage("Enter the provider's issuer (its OpenID Connect discovery address), or both the authorization and the token endpoint.");
        RuleFor(a => a.ConnectionLifetimeDays).InclusiveBetween(1, 3650).When(a => a.ConnectionLifetimeDays is not null)
            .WithMessage("Connections last between 1 and 3650 days (Google, Testing status: 7); leave it empty "
                + "otherwise.");
        RuleFor(a => a.Scopes).MaximumLength(1000).Must(s => s!.All(c => !char.IsControl(c))).When(a => a.Scopes is not null)
            .WithMessage("Scopes are separated by spaces.");
    }

    private const string Https = "Enter an https:// address (http:// only on this machine's loopback).";

    /// <summary>https, or http to a loopback address (a provider running beside the app, as in the tests).</summary>
    public static bool IsEndpoint(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.UserInfo) && string.IsNullOrEmpty(uri.Fragment)
        && (uri.Scheme == Uri.UriSchemeHttps
            || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || LoopbackHosts.Contains(uri.Host))));
}
