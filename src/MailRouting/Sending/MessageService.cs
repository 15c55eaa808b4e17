using MailRouting.Data;
using MailRouting.Resolution;
using MailRouting.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;
using MimeKit.Utils;

namespace MailRouting.Sending;

/// <summary>Accepts a message: validates it, resolves the sender, builds the MIME and stores both in one save.</summary>
public sealed class MessageService(MailRoutingDbContext db, SenderResolution resolution, SendingOptions options, OutboxSignal outbox, TimeProvider time,
    ILogger<MessageService> logger)
{
    public const int MaxBatch = 100;

    public async Task<EnqueueResult> EnqueueAsync(SendRequest request, Actor actor, CancellationToken ct)
    {
        var result = await PrepareAsync(request, actor, ct);
        if (result is { Message: { } message, Repeated: false })
        {
            await SaveAsync([message], ct);
        }

        return result;
    }

    /// <summary>
    /// Up to <see cref="MaxBatch"/> messages in one transaction, all or nothing: when one is invalid or its sender cannot
    /// send, none is queued and the result names it by its index.
    /// </summary>
    public async Task<BatchResult> EnqueueManyAsync(IReadOnlyList<SendRequest> requests, Actor actor, CancellationToken ct)
    {
        if (requests.Count is 0 or > MaxBatch)
        {
            return new BatchResult([], new Dictionary<string, string[]> { ["messages"] = [$"Send between 1 and {MaxBatch} messages per batch."] }, null, null);
        }

        var keys = requests.Select(r => r.IdempotencyKey).Where(k => !string.IsNullOrEmpty(k)).ToList();
        if (keys.Count != keys.Distinct(StringComparer.Ordinal).Count())
        {
            return new BatchResult([], new Dictionary<string, string[]> { ["messages"] = ["Each idempotency key may appear only once in a batch."] }, null, null);
        }

        var accepted = new List<EnqueueResult>();
        foreach (var (request, index) in requests.Select((r, i) => (r, i)))
        {
            var result = await PrepareAsync(request, actor, ct);
            if (result.Errors is { } errors)
            {
                return new BatchResult([], errors.ToDictionary(e => $"messages[{index}].{e.Key}", e => e.Value), null, null);
            }

            if (result.Failure is { } failure)
            {
                return new BatchResult([], null, failure, index);
            }

            accepted.Add(result);
        }

        await SaveAsync([.. accepted.Where(r => !r.Repeated).Select(r => r.Message!)], ct);
        return new BatchResult([.. accepted.Select(r => r.Message!)], null, null, null);
    }

    private async Task SaveAsync(List<OutboxMessage> messages, CancellationToken ct)
    {
        db.Outbox.AddRange(messages);
        await db.SaveChangesAsync(ct);
        outbox.Notify();
        foreach (var message in messages)
        {
            logger.LogInformation("Message {MessageId} queued as {Sender} via server {ServerId} for {Count} recipients", message.Id, message.FromAddress,
                message.ServerId, message.Recipients.Count);
        }
    }

    /// <summary>Validates, resolves and builds a message without saving it; a repeated idempotency key gives the stored message.</summary>
    private async Task<EnqueueResult> PrepareAsync(SendRequest request, Actor actor, CancellationToken ct)
    {
        if (request.IdempotencyKey is { Length: > 0 } key
            && await db.Outbox.AsNoTracking().SingleOrDefaultAsync(m => m.CreatedBy == actor.UserId && m.IdempotencyKey == key, ct) is { } first)
        {
            return new EnqueueResult(first, null, null, Repeated: true);
        }

        var errors = Validate(request, out var attachments);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var resolved = request.From!.ChannelId is { } channelId
            ? await resolution.ForChannelAsync(channelId, ct, actor)
            : await resolution.ForUserAsync(request.From.UserId!, ct, actor);
        if (resolved is null)
        {
            return Invalid(new() { ["from"] = ["That sender does not exist."] });
        }

        if (resolved.Resolution.Failure is { } failure)
        {
            return new EnqueueResult(null, null, failure);
        }

        var plan = resolved.Resolution.Plan!;
        var replyTo = plan.ReplyTo;
        if (request.ReplyToChannelId is { } replyChannel)
        {
            replyTo = await db.EmailChannels.Where(c => c.Id == replyChannel && c.UsableAsReplyTo).Select(c => c.Address).SingleOrDefaultAsync(ct);
            if (replyTo is null)
            {
                return Invalid(new() { ["replyToChannelId"] = ["That channel does not exist or may not be used as Reply-To."] });
            }
        }

        var mime = Build(request, plan, replyTo, attachments);
        var limit = resolved.Server!.AdvertisedMaxSize is { } advertised ? Math.Min(advertised, options.MaxMessageBytes) : options.MaxMessageBytes;
        if (mime.Length > limit)
        {
            return Invalid(new() { ["attachments"] = [$"The message is {mime.Length / 1024} KB; the limit for {plan.Server.Name} is {limit / 1024} KB."] });
        }

        var now = time.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            MessageId = mime.MessageId,
            SenderKind = resolved.Sender.Kind,
            SenderId = resolved.Sender.Id,
            CreatedBy = actor.UserId,
            IdempotencyKey = string.IsNullOrEmpty(request.IdempotencyKey) ? null : request.IdempotencyKey,
            ServerId = plan.Server.Id,
            Credentials = plan.Credentials,
            Login = plan.Login,
            FromAddress = plan.From.Address,
            EnvelopeFrom = plan.EnvelopeFrom,
            Recipients = [.. All(request.To).Concat(All(request.Cc)).Concat(All(request.Bcc)).Distinct(StringComparer.OrdinalIgnoreCase)],
            Subject = request.Subject ?? "",
            Mime = mime.Bytes,
            Status = MessageStatus.Queued,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        return new EnqueueResult(message, null, null);
    }

    /// <summary>Queues a failed message again after an admin fixed the configuration; it keeps its Message-ID.</summary>
    public async Task<bool> RetryAsync(Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var queued = await db.Outbox.Where(m => m.Id == id && m.Status == MessageStatus.Failed)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.Status, MessageStatus.Queued).SetProperty(x => x.NextAttemptAt, now), ct);
        if (queued == 1)
        {
            outbox.Notify();
            logger.LogInformation("Message {MessageId} queued again by an admin", id);
        }

        return queued == 1;
    }

    private sealed record BuiltMessage(string MessageId, byte[] Bytes)
    {
        public long Length => Bytes.LongLength;
    }

    private static BuiltMessage Build(SendRequest request, SendPlan plan, string? replyTo, List<(string Name, string Type, byte[] Content)> attachments)
    {
        var message = new MimeMessage { Subject = request.Subject ?? "" };
        message.From.Add(new MailboxAddress(plan.From.Name, plan.From.Address));
        if (replyTo is not null)
        {
            message.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        }

        message.To.AddRange(All(request.To).Select(MailboxAddress.Parse));
        message.Cc.AddRange(All(request.Cc).Select(MailboxAddress.Parse));
        message.MessageId = MimeUtils.GenerateMessageId(plan.From.Address[(plan.From.Address.IndexOf('@', StringComparison.Ordinal) + 1)..]);
        var body = new BodyBuilder { TextBody = request.Text, HtmlBody = request.Html };
        foreach (var (name, type, content) in attachments)
        {
            body.Attachments.Add(name, content, ContentType.Parse(type));
        }

        message.Body = body.ToMessageBody();
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return new BuiltMessage(message.MessageId, stream.ToArray());
    }

    private static Dictionary<string, string[]> Validate(SendRequest request, out List<(string, string, byte[])> attachments)
    {
        var errors = new Dictionary<string, string[]>();
        attachments = [];
        if (request.From is null || (request.From.ChannelId is null) == string.IsNullOrEmpty(request.From.UserId))
        {
            errors["from"] = ["Give the sender as {\"channelId\": N} or {\"userId\": \"...\"}."];
        }

        var recipients = All(request.To).Concat(All(request.Cc)).Concat(All(request.Bcc)).ToList();
        if (recipients.Count == 0)
        {
            errors["to"] = ["Give at least one recipient."];
        }

        var invalid = recipients.Where(r => !EmailAddresses.IsValid(r)).ToList();
        if (invalid.Count > 0)
        {
            errors["to"] = [$"Not valid email addresses: {string.Join(", ", invalid)}."];
        }

        if (string.IsNullOrEmpty(request.Text) && string.IsNullOrEmpty(request.Html))
        {
            errors["text"] = ["Give a plain-text or HTML body."];
        }

        foreach (var (attachment, index) in (request.Attachments ?? []).Select((a, i) => (a, i)))
        {
            var content = Decode(attachment.ContentBase64);
            if (string.IsNullOrWhiteSpace(attachment.FileName) || content is null || !ContentType.TryParse(attachment.ContentType ?? "application/octet-stream", out _))
            {
                errors[$"attachments[{index}]"] = ["An attachment needs a file name, a content type and base64 content."];
                continue;
            }

            attachments.Add((attachment.FileName, attachment.ContentType ?? "application/octet-stream", content));
        }

        return errors;
    }

    private static byte[]? Decode(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }

        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : null;
    }

    private static IEnumerable<string> All(IList<string>? addresses) => (addresses ?? []).Select(a => a.Trim()).Where(a => a.Length > 0);

    private static EnqueueResult Invalid(Dictionary<string, string[]> errors) => new(null, errors, null);

}
