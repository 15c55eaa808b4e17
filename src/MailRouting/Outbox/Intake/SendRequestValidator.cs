using FluentValidation;
using MailRouting.Validation;
using MimeKit;

namespace MailRouting.Outbox.Intake;

/// <summary>What a message must give before it is resolved: one sender, recipients, a body, sound attachments.</summary>
public sealed class SendRequestValidator : AbstractValidator<SendRequest>
{
    private const string DefaultContentType = "application/octet-stream";

    public SendRequestValidator(AttachmentRules attachmentRules)
    {
        RuleFor(r => r.From)
            .Must(from => from is not null && (from.ChannelId is null) != string.IsNullOrEmpty(from.UserId))
            .OverridePropertyName("from").WithMessage("Give the sender as {\"channelId\": N} or {\"userId\": \"...\"}.");
        RuleFor(r => r).Custom((request, context) =>
        {
            foreach (var field in NullFields(request))
            {
                context.AddFailure(field, "Give an email address here, not null.");
            }
        });
        RuleFor(r => RequestAddresses.Recipients(r)).NotEmpty().When(r => !NullFields(r).Any())
            .OverridePropertyName("to").WithMessage("Give at least one recipient.");
        RuleFor(r => RequestAddresses.Recipients(r)).Must(recipients => recipients.All(EmailAddresses.IsValid))
            .OverridePropertyName("to")
            .WithMessage(r => $"Not valid email addresses: {string.Join(", ", RequestAddresses.Recipients(r).Where(a => !EmailAddresses.IsValid(a)))}.");
        RuleFor(r => r).Must(r => !string.IsNullOrEmpty(r.Text) || !string.IsNullOrEmpty(r.Html))
            .OverridePropertyName("text").WithMessage("Give a plain-text or HTML body.");
        RuleFor(r => r).Custom((request, context) =>
        {
            foreach (var (attachment, index) in (request.Attachments ?? []).Select((a, i) => (a, i)))
            {
                if (Refusal(attachment, attachmentRules) is { } refusal)
                {
                    context.AddFailure($"attachments[{index}]", refusal);
                }
            }
        });
        RuleFor(r => r.Signature).Must(s => s is null or SendRequest.AutoSignature or SendRequest.NoSignature)
            .OverridePropertyName("signature")
            .WithMessage("Give \"auto\" (the channel's, the project's or the central signature, the most specific one set) or \"none\".");
    }

    /// <summary>The attachments of a valid request, with the content type each is sent as.</summary>
    public static List<(string Name, string Type, byte[] Content)> Attachments(SendRequest request) =>
        [.. (request.Attachments ?? []).OfType<AttachmentInput>().Select(a => (a.FileName!, a.ContentType ?? DefaultContentType, a.Content!))];

    private static string? Refusal(AttachmentInput? attachment, AttachmentRules rules) =>
        attachment is not { Content: { Length: > 0 } content } || string.IsNullOrWhiteSpace(attachment.FileName)
            || !ContentType.TryParse(attachment.ContentType ?? DefaultContentType, out _)
            ? "An attachment needs a file name, a content type and base64 content."
            : rules.Refusal(attachment.FileName, attachment.ContentType ?? DefaultContentType, content);

    private static IEnumerable<string> NullFields(SendRequest request) =>
        new[] { ("to", request.To), ("cc", request.Cc), ("bcc", request.Bcc) }
            .SelectMany(list => (list.Item2 ?? []).Select((address, index) => address is null ? $"{list.Item1}[{index}]" : null).OfType<string>());
}
