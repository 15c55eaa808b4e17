using FluentValidation;
using MailRouting.Bounces;
using MailRouting.Projects;
using MailRouting.Resolution;

namespace MailRouting.Outbox.Intake;

/// <summary>
/// Accepts messages into the outbox: validates each, loads its project and Reply-To channel, asks the resolver (which
/// decides every right), builds the MIME and stores message and route in one save.
/// A repeated idempotency key answers with the stored message.
/// </summary>
public sealed class MessageIntake(IValidator<SendRequest> validator, SendContexts contexts, SenderResolution resolution,
    MessageAssembly assembly, IntakeStore store, SuppressionList suppressions)
{
    public const int MaxBatch = 100;

    public async Task<EnqueueResult> EnqueueAsync(SendRequest request, Actor actor, CancellationToken ct)
    {
        var suppressed = await SuppressedAsync([request], ct);
        var result = await PrepareAsync(request, actor, suppressed, ct);
        if (result is { Message: { } message, Repeated: false } && !await store.SaveAsync([message], actor, ct))
        {
            // Another request with the same idempotency key was saved first: this one answers with that message.
            return await PrepareAsync(request, actor, suppressed, ct);
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
            return BatchResult.Invalid("messages", $"Send between 1 and {MaxBatch} messages per batch.");
        }

        var keys = requests.Select(r => r?.IdempotencyKey).Where(k => !string.IsNullOrEmpty(k)).ToList();
        if (keys.Count != keys.Distinct(StringComparer.Ordinal).Count())
        {
            return BatchResult.Invalid("messages", "Each idempotency key may appear only once in a batch.");
        }

        var suppressed = await SuppressedAsync(requests.OfType<SendRequest>(), ct);
        var accepted = new List<EnqueueResult>();
        foreach (var (request, index) in requests.Select((r, i) => (r, i)))
        {
            if (request is null)
            {
                return BatchResult.Invalid($"messages[{index}]", "Give a message here, not null.");
            }

            var result = await PrepareAsync(request, actor, suppressed, ct);
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

        return await store.SaveAsync([.. accepted.Where(r => !r.Repeated).Select(r => r.Message!)], actor, ct)
            ? new BatchResult([.. accepted.Select(r => r.Message!)], null, null, null)
            : await EnqueueManyAsync(requests, actor, ct);
    }

    /// <summary>The suppressed addresses among the recipients of all the requests, read in one query.</summary>
    private async Task<IReadOnlyList<SuppressionView>> SuppressedAsync(IEnumerable<SendRequest> requests,
        CancellationToken ct) =>
        await suppressions.InForceAsync(requests.Where(r => r.SendToSuppressed != true)
            .SelectMany(RequestAddresses.Recipients), ct);

    /// <summary>Validates, resolves and builds a message without saving it; a repeated idempotency key gives the stored message.</summary>
    /// <param name="suppressed">Suppressed addresses among the recipients (of a whole batch).</param>
    private async Task<EnqueueResult> PrepareAsync(SendRequest request, Actor actor,
        IReadOnlyList<SuppressionView> suppressed, CancellationToken ct)
    {
        if (await store.RepeatedAsync(request.IdempotencyKey, actor, ct) is { } first)
        {
            return new EnqueueResult(first, null, null, Repeated: true);
        }

        ProjectContext? project = null;
        if (request.ProjectId is { } projectId)
        {
            if ((project = await contexts.ProjectAsync(projectId, actor, ct)) is null)
            {
                return EnqueueResult.Invalid("projectId", "That project does not exist.");
            }

            request = await WithDefaultsAsync(request, project, ct);
        }

        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
        {
            return EnqueueResult.Invalid(validation.ToDictionary());
        }

        if (request.SendToSuppressed != true
            && SuppressedRecipients.Among(suppressed, RequestAddresses.Recipients(request)) is { Count: > 0 } refused)
        {
            return new EnqueueResult(null, null, SuppressedRecipients.Refusal(refused));
        }

        ReplyToChannel? replyTo = null;
        if (request.ReplyToChannelId is { } replyToId && (replyTo = await contexts.ReplyToAsync(replyToId, ct)) is null)
        {
            return EnqueueResult.Invalid("replyToChannelId", "That channel does not exist or is inactive.");
        }

        var context = new SendContext(actor, project, replyTo);
        var resolved = request.From!.ChannelId is { } channelId
            ? await resolution.ForChannelAsync(channelId, ct, context)
            : await resolution.ForUserAsync(request.From.UserId!, ct, context);
        return resolved is null ? EnqueueResult.Invalid("from", "That sender does not exist.")
            : resolved.Resolution.Failure is { } failure ? new EnqueueResult(null, null, failure)
            : await assembly.AssembleAsync(request, resolved, project?.Id, actor, ct);
    }

    /// <summary>The project's default sender and Reply-To stand in for what the request leaves out.</summary>
    private async Task<SendRequest> WithDefaultsAsync(SendRequest request, ProjectContext project,
        CancellationToken ct) =>
        request with
        {
            From = request.From ?? (project.DefaultSenderChannelId is { } sender ? new SenderRef(sender, null) : null),
            ReplyToChannelId = request.ReplyToChannelId
                ?? await contexts.ActiveAsync(project.DefaultReplyToChannelId, ct),
        };
}
