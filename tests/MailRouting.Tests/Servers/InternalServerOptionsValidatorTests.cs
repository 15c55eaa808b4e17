using MailRouting.Servers;

namespace MailRouting.Tests.Servers;

public sealed class InternalServerOptionsValidatorTests
{
    private static IEnumerable<string> Failures(InternalServerOptions options) =>
        new InternalServerOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Validate_Defaults_Succeed() => Assert.Empty(Failures(new InternalServerOptions()));

    [Fact]
    public void Validate_OAuth2_IsRefusedWithWhatToDoInstead()
    {
        var failure = Assert.Single(Failures(new InternalServerOptions { AuthMethod = SmtpAuthMethod.OAuth2, Username = "a@acme.test", Password = "p" }));

        Assert.Contains("OAuth2 is not available for the Internal server", failure);
        Assert.Contains("make it the default", failure);
    }

    [Fact]
    public void Validate_PasswordMethodWithoutPassword_NamesBoth() =>
        Assert.Contains("needs Username and Password", Assert.Single(Failures(new InternalServerOptions { AuthMethod = SmtpAuthMethod.Plain, Username = "a@acme.test" })));
}
