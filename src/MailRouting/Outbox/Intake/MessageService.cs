using System.Globalization;
using MailRouting.Channels;
using MailRouting.Data;
using MailRouting.Projects;
using MailRouting.Signatures;
using MailRouting.Resolution;
using MailRouting.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;
using MimeKit.Utils;
using MailRouting.Outbox;

namespace MailRouting.Outbox.Intake;

/// <summary>Accepts a message: validates it, resolves the sender, builds the MIME and stores both in one save.</summary>
public sealed class MessageService(
    MailRoutingDbContext db,
    SenderResolution resolution,
    ChannelAccessRules access,
    SignatureService signatures,
    ProjectContexts projects,
    SendingOptions options,
    AttachmentRules attachmentRules,
    OutboxSignal outbox,
    LargeMessageMemory memory,
    TimeProvider time,
    ILogger<MessageService> logger)
{
    public const int MaxBatch = 100;

    public async Task<EnqueueResult> EnqueueAsync(SendRequest request, Actor actor, CancellationToken ct)
    {
        var result = await PrepareAsync(request, actor, ct);
        if (result is { Message: { } message, Repeated: false } && !await SaveAsync([message], actor, ct))
        {
            // Another request with the same idempotency key was saved first: this one answers with that message.
            return await PrepareAsync(request, actor, ct);
        }

        return result;
    }

    /// <summary>
    /// Up to <see cref="MaxBatch"/> messages in one transaction, all or nothing: when one is invalid or its sender cannot
    /// send, none is queued and the result names it by its index.
    /// </summary>
    public async Task<BatchResult> EnqueueManyAsync(IReadOnlyList<SendRequest?> requests, Actor actor, CancellationToken ct)
    {
        if (requests.Count is 0 or > MaxBatch)
        {
            return new BatchResult([], new Dictionary<string, string[]> { ["messages"] = [$"Send between 1 and {MaxBatch} messages per batch."] }, null, null);
        }

        var keys = requests.Select(r => r?.IdempotencyKey).Where(k => !string.IsNullOrEmpty(k)).ToList();
        if (keys.Count != keys.Distinct(StringComparer.Ordinal).Count())
        {
            return new BatchResult([], new Dictionary<string, string[]> { ["messages"] = ["Each idempotency key may appear only once in a batch."] }, null, null);
        }

        var accepted = new List<EnqueueResult>();
        foreach (var (request, index) in requests.Select((r, i) => (r, i)))
        {
            if (request is null)
            {
                return new BatchResult([], new Dictionary<string, string[]> { [$"messages[{index}]"] = ["Give a message here, not null."] }, null, null);
            }

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

        return await SaveAsync([.. accepted.Where(r => !r.Repeated).Select(r => r.Message!)], actor, ct)
            ? new BatchResult([.. accepted.Select(r => r.Message!)], null, null, null)
            : await EnqueueManyAsync(requests, actor, ct);
    }

    /// <returns>False when a concurrent request stored one of these idempotency keys first; nothing is saved then.</returns>
    private async Task<bool> SaveAsync(List<OutboxMessage> messages, Actor actor, CancellationToken ct)
    {
        db.Outbox.AddRange(messages);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (messages.Any(m => m.IdempotencyKey is not null))
        {
            db.ChangeTracker.Clear();
            if (!await KeyTakenAsync(messages, actor, ct))
            {
                throw;
            }

            return false;
        }

        outbox.Notify();
        foreach (var message in messages)
        {
            logger.LogInformation("Message {MessageId} queued as {Sender} via server {ServerId} for {Count} recipients", message.Id, message.FromAddress,
                message.ServerId, message.Recipients.Count);
        }

        return true;
    }

    private async Task<bool> KeyTakenAsync(List<OutboxMessage> messages, Actor actor, CancellationToken ct)
    {
        var keys = messages.Select(m => m.IdempotencyKey).OfType<string>().ToList();
        return keys.Count > 0 && await db.Outbox.AsNoTracking().AnyAsync(m => m.CreatedBy == actor.UserId && keys.Contains(m.IdempotencyKey!), ct);
    }

    /// <summary>Validates, resolves and builds a message without saving it; a repeated idempotency key gives the stored message.</summary>
    private async Task<EnqueueResult> PrepareAsync(SendRequest request, Actor actor, CancellationToken ct)
    {
        if (request.IdempotencyKey is { Length: > 0 } key
            && await db.Outbox.AsNoTracking().SingleOrDefaultAsync(m => m.CreatedBy == actor.UserId && m.IdempotencyKey == key, ct) is { } first)
        {
            return new EnqueueResult(first, null, null, Repeated: true);
        }

        ProjectContext? project = null;
        if (request.ProjectId is { } projectId)
        {
            project = await projects.ForAsync(projectId, actor.UserId, ct);
            if (project is null)
            {
                return Invalid(new() { ["projectId"] = ["That project does not exist."] });
            }

            if (project.Admits(actor) is { Allowed: false } outside)
            {
                return NotPermitted(outside.Reason, "Ask an admin to add you to the project, or send without it.");
            }

            // The project's defaults stand in for what the request leaves out.
            request = request with
            {
                From = request.From ?? (project.DefaultSenderChannelId is { } sender ? new SenderRef(sender, null) : null),
                ReplyToChannelId = request.ReplyToChannelId ?? await ActiveAsync(project.DefaultReplyToChannelId, ct),
            };
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

        if (project is not null && await OutsideAsync(project, request.From!.ChannelId, ct) is { } notInProject)
        {
            return NotPermitted(notInProject, "Send as a channel of the project, or without the project.");
        }

        var plan = resolved.Resolution.Plan!;
        var replyTo = plan.ReplyTo;
        if (request.ReplyToChannelId is { } replyChannel)
        {
            var channel = await db.EmailChannels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == replyChannel && c.IsActive, ct);
            if (channel is null)
            {
                return Invalid(new() { ["replyToChannelId"] = ["That channel does not exist or is inactive."] });
            }

            var allowed = (await access.ForAsync(channel, ChannelUse.ReplyTo, ct)).Decide(actor.UserId, actor.Name, channel.Address, ChannelUse.ReplyTo);
            if (!actor.IsAdmin && !allowed.Allowed)
            {
                return NotPermitted(allowed.Reason, "Ask an admin to give you this channel for Reply-To (on its page), or choose another Reply-To.");
            }

            if (project is not null && await OutsideAsync(project, channel.Id, ct) is { } replyToNotInProject)
            {
                return NotPermitted(replyToNotInProject, "Choose a Reply-To channel of the project.");
            }

            replyTo = channel.Address;
        }

        var signature = request.Signature == SendRequest.NoSignature ? null
            : await signatures.ForMessageAsync(resolved.Sender.Kind == SenderKind.Channel ? int.Parse(resolved.Sender.Id, CultureInfo.InvariantCulture) : null,
                project?.Id, actor.UserId, ct);
        var mime = Build(request, plan, replyTo, attachments, signature);
        memory.Handled(mime.Length);
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

    /// <summary>
    /// Queues a failed message again after an admin fixed the configuration. It is resolved anew with the configuration as it
    /// is now (server, login, From and the implied Reply-To may change), keeps its Message-ID, and its attempts say the new route.
    /// </summary>
    public async Task<Change<OutboxMessage>> RetryAsync(Guid id, Actor admin, CancellationToken ct)
    {
        var message = await db.Outbox.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
        {
            return Change<OutboxMessage>.NotFound("message");
        }

        if (message.Status != MessageStatus.Failed)
        {
            return Change<OutboxMessage>.Refused("Only a failed message can be retried.");
        }

        var resolved = message.SenderKind == SenderKind.Channel
            ? await resolution.ForChannelAsync(int.Parse(message.SenderId, CultureInfo.InvariantCulture), ct, admin)
            : await resolution.ForUserAsync(message.SenderId, ct, admin);
        if (resolved?.Resolution is not { Plan: { } plan })
        {
            var why = resolved?.Resolution.Failure is { } failure ? $"{failure.Message} {failure.Fix}" : "Its sender no longer exists.";
            return Change<OutboxMessage>.Refused($"The message cannot be sent as things are now: {why}");
        }

        var now = time.GetUtcNow().UtcDateTime;
        message.Mime = Readdressed(message.Mime, plan, resolved.Sender.Address);
        message.ServerId = plan.Server.Id;
        message.Credentials = plan.Credentials;
        message.Login = plan.Login;
        message.FromAddress = plan.From.Address;
        message.EnvelopeFrom = plan.EnvelopeFrom;
        message.Status = MessageStatus.Queued;
        message.HeldForConfiguration = false;
        message.NextAttemptAt = now;
        message.Attempts.Add(new DeliveryAttempt { At = now, Outcome = $"Retry: resolved anew, {plan.Summary}" });
        await db.SaveChangesAsync(ct);
        outbox.Notify();
        logger.LogInformation("Message {MessageId} queued again by {UserId}: {Route}", id, admin.UserId, plan.Summary);
        return Change<OutboxMessage>.Done(message);
    }

    /// <summary>
    /// The stored message with From (and the Reply-To the resolver implies) set by a new plan; the Message-ID, body and a
    /// Reply-To chosen by the sender stay as they were.
    /// </summary>
    private static byte[] Readdressed(byte[] stored, SendPlan plan, string senderAddress)
    {
        using var input = new MemoryStream(stored, writable: false);
        var mime = MimeMessage.Load(input, persistent: true);
        mime.From.Clear();
        mime.From.Add(new MailboxAddress(plan.From.Name, plan.From.Address));
        var replyTo = mime.ReplyTo.Mailboxes.Select(m => m.Address).ToList();
        if (replyTo.Count == 0 || replyTo.SequenceEqual([senderAddress], StringComparer.OrdinalIgnoreCase))
        {
            mime.ReplyTo.Clear();
            if (plan.ReplyTo is not null)
            {
                mime.ReplyTo.Add(MailboxAddress.Parse(plan.ReplyTo));
            }
        }

        return MimeBytes.Of(mime);
    }

    private sealed record BuiltMessage(string MessageId, byte[] Bytes)
    {
        public long Length => Bytes.LongLength;
    }

    /// <summary>
    /// A project's default Reply-To only while its channel is active: one that became inactive later is shown on the project's
    /// page as a problem, and the project's mail goes out with the sender's own Reply-To meanwhile, instead of failing.
    /// </summary>
    private async Task<int?> ActiveAsync(int? channelId, CancellationToken ct) =>
        channelId is { } id && await db.EmailChannels.AnyAsync(c => c.Id == id && c.IsActive, ct) ? id : null;

    /// <summary>Why a channel may not be used in the project; null when it may (or the sender is a person).</summary>
    private async Task<string?> OutsideAsync(ProjectContext project, int? channelId, CancellationToken ct)
    {
        if (channelId is not { } id)
        {
            return null;
        }

        var address = await db.EmailChannels.AsNoTracking().Where(c => c.Id == id).Select(c => c.Address).SingleAsync(ct);
        var offered = project.Offers(address, [.. (await projects.LimitsAsync([id], ct))[id]]);
        return offered.Allowed ? null : offered.Reason;
    }

    private static EnqueueResult NotPermitted(string reason, string fix) =>
        new(null, null, new ResolutionFailure(FailureCodes.NotPermitted, reason, fix, [reason]));

    /// <param name="signature">Appended to the text part and to the HTML part, each when both exist; stored in the message, so a retry sends the same.</param>
    private static BuiltMessage Build(SendRequest request, SendPlan plan, string? replyTo, List<(string Name, string Type, byte[] Content)> attachments,
        (string? Text, string? Html)? signature)
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
        var body = new BodyBuilder
        {
            TextBody = request.Text is not null && signature?.Text is { } text ? $"{request.Text.TrimEnd()}\n\n-- \n{text}" : request.Text,
            HtmlBody = request.Html is not null && signature?.Html is { } html ? $"{request.Html}\n<div class=\"signature\">{html}</div>" : request.Html,
        };
        foreach (var (name, type, content) in attachments)
        {
            body.Attachments.Add(MimeBytes.Attachment(name, ContentType.Parse(type), content));
        }

        message.Body = body.ToMessageBody();
        return new BuiltMessage(message.MessageId, MimeBytes.Of(message));
    }

    private Dictionary<string, string[]> Validate(SendRequest request, out List<(string, string, byte[])> attachments)
    {
        var errors = new Dictionary<string, string[]>();
        attachments = [];
        if (request.From is null || (request.From.ChannelId is null) == string.IsNullOrEmpty(request.From.UserId))
        {
            errors["from"] = ["Give the sender as {\"channelId\": N} or {\"userId\": \"...\"}."];
        }

        var nulls = new[] { ("to", request.To), ("cc", request.Cc), ("bcc", request.Bcc) }
            .SelectMany(list => NullPositions(list.Item2).Select(index => $"{list.Item1}[{index}]")).ToList();
        nulls.ForEach(field => errors[field] = ["Give an email address here, not null."]);

        var recipients = All(request.To).Concat(All(request.Cc)).Concat(All(request.Bcc)).ToList();
        if (recipients.Count == 0 && nulls.Count == 0)
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
            if (attachment is not { Content: { Length: > 0 } content } || string.IsNullOrWhiteSpace(attachment.FileName)
                || !ContentType.TryParse(attachment.ContentType ?? "application/octet-stream", out _))
            {
                errors[$"attachments[{index}]"] = ["An attachment needs a file name, a content type and base64 content."];
                continue;
            }

            if (attachmentRules.Refusal(attachment.FileName, attachment.ContentType ?? "application/octet-stream", content) is { } refusal)
            {
                errors[$"attachments[{index}]"] = [refusal];
                continue;
            }

            attachments.Add((attachment.FileName, attachment.ContentType ?? "application/octet-stream", content));
        }

        if (request.Signature is not (null or SendRequest.AutoSignature or SendRequest.NoSignature))
        {
            errors["signature"] = ["Give \"auto\" (the channel's, the project's or the central signature, the most specific one set) or \"none\"."];
        }

        return errors;
    }

    private static IEnumerable<int> NullPositions<T>(IList<T?>? items)
        where T : class => (items ?? []).Select((item, index) => item is null ? index : -1).Where(index => index >= 0);

    private static IEnumerable<string> All(IList<string?>? addresses) => (addresses ?? []).OfType<string>().Select(a => a.Trim()).Where(a => a.Length > 0);

    private static EnqueueResult Invalid(Dictionary<string, string[]> errors) => new(null, errors, null);

}
