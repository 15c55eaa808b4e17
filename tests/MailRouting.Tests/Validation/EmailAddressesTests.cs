using MailRouting.Validation;

namespace MailRouting.Tests.Validation;

public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("support@acme.test", true)]
    [InlineData("first.last+tag@mail.acme.test", true)]
    [InlineData("noreply@localhost", true)]
    [InlineData("support", false)]
    [InlineData("support@", false)]
    [InlineData("@acme.test", false)]
    [InlineData("Support <support@acme.test>", false)]
    [InlineData("a@b@acme.test", false)]
    [InlineData("support@acme..test", false)]
    [InlineData("", false)]
    public void IsValid_AcceptsPlainAddressesOnly(string address, bool expected) =>
        Assert.Equal(expected, EmailAddresses.IsValid(address));

    [Theory]
    [InlineData("*@acme.test", true)]
    [InlineData("sales@acme.test", true)]
    [InlineData("*@", false)]
    [InlineData("*acme.test", false)]
    [InlineData("*@*.acme.test", false)]
    public void IsAddressOrDomainPattern_AcceptsWholeDomainPatterns(string value, bool expected) =>
        Assert.Equal(expected, EmailAddresses.IsAddressOrDomainPattern(value));

    [Theory]
    [InlineData("smtp.acme.test", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("localhost", true)]
    [InlineData("smtp acme", false)]
    [InlineData("smtp_acme!", false)]
    [InlineData(" ", false)]
    public void IsHostName_AcceptsNamesAndAddresses(string host, bool expected) =>
        Assert.Equal(expected, EmailAddresses.IsHostName(host));

    [Theory]
    [InlineData("a@acme.test", "a@acme.test", true)]
    [InlineData("A@ACME.test.", "a@acme.test", true)]
    [InlineData(" a@acme.test. ", "A@Acme.Test", true)]
    [InlineData("a@acme.test", "b@acme.test", false)]
    [InlineData("a@acme.test", null, false)]
    public void Same_IgnoresCaseAndTheTrailingDot(string first, string? second, bool expected) =>
        Assert.Equal(expected, EmailAddresses.Same(first, second));

    [Theory]
    [InlineData("smtp.acme.test.", "smtp.acme.test")]
    [InlineData(" SMTP.Acme.test ", "smtp.acme.test")]
    public void Host_IsComparedWithoutCaseOrTrailingDot(string host, string expected) =>
        Assert.Equal(expected, EmailAddresses.Host(host));
}
