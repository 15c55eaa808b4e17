using FluentValidation;
using MailRouting.Outbox.Intake;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.Tests.Outbox.Intake;

public sealed class SendRequestValidatorTests
{
    private readonly SendRequestValidator validator = new(AttachmentRules.From(new ConfigurationBuilder().Build()));

    private static SendRequest Request(SenderRef? from = null, IList<string?>? to = null, string? text = "Hello",
        IList<AttachmentInput?>? attachments = null, string? signature = null) =>
        new(from ?? new SenderRef(1, null), to ?? ["customer@customer.test"], null, null, "Subject", text, null, null, attachments, null,
            signature);

    private IDictionary<string, string[]> Errors(SendRequest request) => validator.Validate(request).ToDictionary();

    [Fact]
    public void TheAppKeepsOneValidator_SoRequestsDoNotCompileItsRules()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MailRouting"] = "Data Source=unused.db",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddMailRouting(configuration, Path.GetTempPath())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        IValidator<SendRequest> ForOneRequest()
        {
            using var scope = services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<IValidator<SendRequest>>();
        }

        Assert.Same(ForOneRequest(), ForOneRequest());
    }

    [Fact]
    public void Validate_ACompleteRequest_HasNoErrors() => Assert.Empty(Errors(Request()));

    [Fact]
    public void Validate_BothOrNeitherSender_IsRefusedUnderFrom()
    {
        Assert.Equal(["from"], Errors(Request(from: new SenderRef(1, "user-1"))).Keys);
        Assert.Equal(["from"], Errors(Request(from: new SenderRef(null, ""))).Keys);
    }

    [Fact]
    public void Validate_NullsAmongTheRecipients_AreNamedByPosition_WithoutAlsoAskingForARecipient()
    {
        var errors = Errors(Request(to: [null, "a@customer.test", null]));

        Assert.Equal(["to[0]", "to[2]"], errors.Keys.Order());
        Assert.Equal("Give an email address here, not null.", errors["to[0]"].Single());
    }

    [Fact]
    public void Validate_NoRecipient_AsksForOne() =>
        Assert.Equal("Give at least one recipient.", Errors(Request(to: ["  "]))["to"].Single());

    [Fact]
    public void Validate_InvalidAddresses_AreQuoted() =>
        Assert.Equal("Not valid email addresses: nobody, also@.",
            Errors(Request(to: ["ok@customer.test", "nobody", "also@"]))["to"].Single());

    [Fact]
    public void Validate_NoBody_AsksForTextOrHtml() =>
        Assert.Equal("Give a plain-text or HTML body.", Errors(Request(text: ""))["text"].Single());

    [Fact]
    public void Validate_AttachmentsWithoutContentOrOfAForbiddenKind_AreNamedByPosition()
    {
        var errors = Errors(Request(attachments:
        [
            new AttachmentInput("notes.txt", "text/plain", [1, 2, 3]),
            new AttachmentInput("empty.txt", "text/plain", []),
            new AttachmentInput("setup.exe", "application/octet-stream", [0x4D, 0x5A]),
            null,
        ]));

        Assert.Equal(["attachments[1]", "attachments[2]", "attachments[3]"], errors.Keys.Order());
        Assert.Contains("file name, a content type and base64 content", errors["attachments[1]"].Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("base64 content", errors["attachments[2]"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AnUnknownSignatureChoice_IsRefused() =>
        Assert.Equal(["signature"], Errors(Request(signature: "mine")).Keys);

    [Fact]
    public void Attachments_OfAValidRequest_DefaultToOctetStream()
    {
        var (name, type, content) = SendRequestValidator.Attachments(Request(attachments: [new AttachmentInput("a.bin", null, [7])])).Single();

        Assert.Equal(("a.bin", "application/octet-stream"), (name, type));
        Assert.Equal([7], content);
    }
}
