using System.Globalization;
using MailRouting.Resolution;
using MailRouting.Signatures;

namespace MailRouting.Outbox.Intake;

/// <summary>
/// The message to store for a request whose sender resolved: signed, built as MIME within the server's size limit, with the
/// resolution's route kept on it so delivery needs no second resolution.
/// </summary>
public sealed class MessageAssembly(SignatureService signatures, SendingOptions options, LargeMessageMemory memory, TimeProvider time)
{
    public async Task<EnqueueResult> AssembleAsync(SendRequest request, ResolvedSender resolved, int? projectId,
        Actor actor, CancellationToken ct)
    {
        var plan = resolved.Resolution.Plan!;
        var signature = request.Signature == SendRequest.NoSignature ? null
            : await signatures.ForMessageAsync(
                resolved.Sender.Kind == SenderKind.Channel ? int.Parse(resolved.Sender.Id, CultureInfo.InvariantCulture) : null,
                projectId, actor.UserId, ct);
        var (messageId, mime) = OutgoingMime.Build(request, plan, SendRequestValidator.Attachments(request), signature);
        memory.Handled(mime.Length);
        var limit = resolved.Server!.AdvertisedMaxSize is { } advertised ? Math.Min(advertised, options.MaxMessageBytes) : options.MaxMessageBytes;
        if (mime.Length > limit)
        {
            return EnqueueResult.Invalid("attachments", $"The message is {mime.Length / 1024} KB; the limit for {plan.Server.Name} is {limit / 1024} KB.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var id = Guid.NewGuid();
        return new EnqueueResult(new OutboxMessage
        {
            Id = id,
            MessageId = messageId,
            SenderKind = resolved.Sender.Kind,
            SenderId = resolved.Sender.Id,
            CreatedBy = actor.UserId,
            IdempotencyKey = string.IsNullOrEmpty(request.IdempotencyKey) ? null : request.IdempotencyKey,
            ServerId = plan.Server.Id,
            Credentials = plan.Credentials,
            Login = plan.Login,
            FromAddress = plan.From.Address,
            EnvelopeFrom = plan.EnvelopeFor(id),
            Recipients = [.. RequestAddresses.Recipients(request).Distinct(StringComparer.OrdinalIgnoreCase)],
            Subject = request.Subject ?? "",
            Mime = mime,
            Status = MessageStatus.Queued,
            CreatedAt = now,
            NextAttemptAt = now,
        }, null, null);
    }
}
