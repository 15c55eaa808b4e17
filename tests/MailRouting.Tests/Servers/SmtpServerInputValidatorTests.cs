using MailRouting.Data;
using MailRouting.Servers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Tests.Servers;

public sealed class SmtpServerInputValidatorTests : IAsyncLifetime
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private MailRoutingDbContext db = null!;

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        db = new MailRoutingDbContext(new DbContextOptionsBuilder<MailRoutingDbContext>().UseSqlite(connection).Options);
        await db.Database.EnsureCreatedAsync();
        db.SmtpServers.Add(new SmtpServer { Name = "AcmeJets SMTP", Host = "smtp.acme.test", Port = 587, SenderAddress = "support@acme.test", ProtectedPassword = "x", AuthMethod = SmtpAuthMethod.Plain, Username = "support@acme.test" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await connection.DisposeAsync();
    }

    private static SmtpServerInput Valid() => new()
    {
        Name = "Sales relay",
        Host = "smtp.acme.test",
        Security = SmtpSecurity.StartTls,
        AuthMethod = SmtpAuthMethod.Plain,
        Username = "sales@acme.test",
        Password = "secret",
    };

    private async Task<Dictionary<string, string[]>> ErrorsAsync(SmtpServerInput input) =>
        new(await new SmtpServerInputValidator(db).ValidateAsync(input) is { } result ? result.ToDictionary() : []);

    [Fact]
    public async Task Validate_CompleteInput_HasNoErrors() => Assert.Empty(await ErrorsAsync(Valid()));

    [Fact]
    public async Task Validate_UsernameIsAnAddress_SenderAddressDefaultsToIt()
    {
        var input = Valid();

        Assert.Empty(await ErrorsAsync(input));
        Assert.Equal("sales@acme.test", input.EffectiveSenderAddress);
        Assert.Equal(587, input.EffectivePort);
    }

    [Fact]
    public async Task Validate_DuplicateName_IsRefused()
    {
        var input = Valid();
        input.Name = " AcmeJets SMTP ";

        Assert.Contains("already exists", Assert.Single((await ErrorsAsync(input))[nameof(SmtpServerInput.Name)]));
    }

    [Fact]
    public async Task Validate_SameNameOnTheServerItself_IsAllowed()
    {
        var existing = await db.SmtpServers.SingleAsync();
        var input = Valid();
        input.Id = existing.Id;
        input.Name = existing.Name;

        Assert.Empty(await ErrorsAsync(input));
    }

    [Fact]
    public async Task Validate_BadFields_EachGetsItsOwnMessage()
    {
        var input = Valid();
        input.Host = "smtp acme";
        input.Port = 70000;
        input.Username = "";
        input.Password = "";
        input.SendAs = ["sales@acme.test", "not an address", "*@"];
        input.PinnedCertificateSha256 = "abc";
        input.TimeoutSeconds = 0;

        var errors = await ErrorsAsync(input);

        Assert.Contains(nameof(SmtpServerInput.Host), errors.Keys);
        Assert.Contains(nameof(SmtpServerInput.Port), errors.Keys);
        Assert.Contains(nameof(SmtpServerInput.Username), errors.Keys);
        Assert.Contains(nameof(SmtpServerInput.Password), errors.Keys);
        Assert.Contains(nameof(SmtpServerInput.SenderAddress), errors.Keys);
        Assert.Contains("SendAs[1]", errors.Keys);
        Assert.Contains("SendAs[2]", errors.Keys);
        Assert.DoesNotContain("SendAs[0]", errors.Keys);
        Assert.Contains(nameof(SmtpServerInput.PinnedCertificateSha256), errors.Keys);
        Assert.Contains(nameof(SmtpServerInput.TimeoutSeconds), errors.Keys);
    }

    [Fact]
    public async Task Validate_EditWithBlankPassword_KeepsTheStoredOne()
    {
        var existing = await db.SmtpServers.SingleAsync();
        var input = Valid();
        input.Id = existing.Id;
        input.Name = existing.Name;
        input.Password = null;

        Assert.Empty(await ErrorsAsync(input));

        input.ClearPassword = true;
        Assert.Contains(nameof(SmtpServerInput.Password), (await ErrorsAsync(input)).Keys);
    }

    [Fact]
    public async Task Validate_NoAuthAndNoSender_AsksForTheSenderAddress()
    {
        var input = Valid();
        input.AuthMethod = SmtpAuthMethod.None;
        input.Username = null;
        input.Password = null;

        Assert.Contains("sender address", Assert.Single((await ErrorsAsync(input))[nameof(SmtpServerInput.SenderAddress)]));
    }
}
