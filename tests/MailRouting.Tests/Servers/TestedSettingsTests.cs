using MailRouting.ConnectionTests;
using MailRouting.Servers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace MailRouting.Tests.Servers;

public sealed class TestedSettingsTests
{
    private static readonly ConnectionTestReport Passed = new(true, [new TestStage("connect", true, 12, "Connected")], "", null, 10240000, null, null);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly TestedSettings tested;

    public TestedSettingsTests() => tested = new TestedSettings(new EphemeralDataProtectionProvider(), time);

    private static SmtpServerInput Input(string host = "smtp.acme.test", string? password = "secret") => new()
    {
        Name = "Relay", Host = host, Port = 587, Security = SmtpSecurity.StartTls, AuthMethod = SmtpAuthMethod.Plain, Username = "relay@acme.test",
        Password = password, SenderAddress = "relay@acme.test",
    };

    [Fact]
    public void TheSameSettings_OpenTheTest_WithinAnHour()
    {
        var token = tested.Seal(null, Input(), Passed);
        time.Advance(TestedSettings.Lifetime);

        var outcome = tested.Open(token, null, Input());

        Assert.Equal(new TestOutcome(time.GetUtcNow() - TestedSettings.Lifetime, true, null, Passed.Summary, 10240000), outcome);
    }

    [Fact]
    public void OtherSettings_ALaterSave_OrAForgedToken_OpenNothing()
    {
        var token = tested.Seal(7, Input(), Passed);

        Assert.Null(tested.Open(token, 7, Input(host: "smtp.other.test")));
        Assert.Null(tested.Open(token, 7, Input(password: "other")));
        Assert.Null(tested.Open(token, 8, Input()));
        Assert.Null(tested.Open(token[..^4] + "AAAA", 7, Input()));
        Assert.Null(tested.Open("not a token", 7, Input()));
        time.Advance(TestedSettings.Lifetime + TimeSpan.FromSeconds(1));
        Assert.Null(tested.Open(token, 7, Input()));
    }
}
