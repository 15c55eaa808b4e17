using FluentValidation;
using MailRouting.Resolution;

namespace MailRouting.Outbox.Intake;

/// <summary>
/// Accepts messages into the outbox: validates each, applies its project and Reply-To rights, resolves the sender, builds
/// the MIME and stores message and route in one save. A repeated idempotency key answers with the stored message.
/// </summary>
public sealed class MessageIntake(IValidator<SendRequest> validator, RequestRights rights, SenderResolution resolution, MessageAssembly assembly,
    IntakeStore store)
{
    public const int MaxBatch = 100;

    public async Task<EnqueueResult> EnqueueAsync(SendRequest request, Actor actor, CancellationToken ct)
    {
        var result = await PrepareAsync(request, actor, ct);
        if (result is { Message: { } message, Repeated: false } && !await store.SaveAsync([message], actor, ct))
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
            return BatchResult.Invalid("messages", $"Send between 1 and {MaxBatch} messages per batch.");
        }

        var keys = requests.Select(r => r?.IdempotencyKey).Where(k => !string.IsNullOrEmpty(k)).ToList();
        if (keys.Count != keys.Distinct(StringComparer.Ordinal).Count())
        {
            return BatchResult.Invalid("messages", "Each idempotency key may appear only once in a batch.");
        }

        var accepted = new List<EnqueueResult>();
        foreach (var (request, index) in requests.Select((r, i) => (r, i)))
        {
            if (request is null)
            {
                return BatchResult.Invalid($"messages[{index}]", "Give a message here, not null.");
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

        return await store.SaveAsync([.. accepted.Where(r => !r.Repeated).Select(r => r.Message!)], actor, ct)
            ? new BatchResult([.. accepted.Select(r => r.Message!)], null, null, null)
            : await EnqueueManyAsync(requests, actor, ct);
    }

    /// <summary>Validates, resolves and builds a message without saving it; a repeated idempotency key gives the stored message.</summary>
    private async Task<EnqueueResult> PrepareAsync(SendRequest request, Actor actor, CancellationToken ct)
    {
        if (await store.RepeatedAsync(request.IdempotencyKey, actor, ct) is { } first)
        {
            return new EnqueueResult(first, null, null, Repeated: true);
        }

        (request, var project, var refused) = await rights.WithProjectAsync(request, actor, ct);
        if (refused is not null)
        {
            return refused;
        }

        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
        {
            return EnqueueResult.Invalid(validation.ToDictionary());
        }

        var resolved = request.From!.ChannelId is { } channelId
            ? await resolution.ForChannelAsync(channelId, ct, actor)
            : await resolution.ForUserAsync(request.From.UserId!, ct, actor);
        if (resolved is null)
        {
            return EnqueueResult.Invalid("from", "That sender does not exist.");
        }

        if (resolved.Resolution.Failure is { } failure)
        {
            return new EnqueueResult(null, null, failure);
        }

        if (await rights.SenderOutsideAsync(project, request.From.ChannelId, ct) is { } notInProject)
        {
            return notInProject;
        }

        var (replyTo, replyToRefused) = await rights.ReplyToAsync(request, project, resolved.Resolution.Plan!.ReplyTo, actor, ct);
        return replyToRefused ?? await assembly.AssembleAsync(request, resolved, replyTo, project?.Id, actor, ct);
    }
}
