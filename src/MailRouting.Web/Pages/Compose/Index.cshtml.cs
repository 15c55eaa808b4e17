using MailRouting.Outbox.Intake;
using MailRouting.Projects;
using MailRouting.Resolution;
using MailRouting.Signatures;
using MailRouting.Web.Api;
using MailRouting.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Compose;

/// <summary>Write and send a message as yourself or a channel; the page shows how each identity's mail goes out.</summary>
public sealed class IndexModel(SenderChoices choices, MessageIntake intake, SignatureService signatures, ProjectContexts projects)
    : PageModel
{
    public sealed class InputModel
    {
        public string From { get; set; } = "";
        public string? To { get; set; }
        public string? Cc { get; set; }
        public string? Bcc { get; set; }
        public string? Subject { get; set; }

        /// <summary>The message: plain text, or simple HTML when <see cref="Formatted"/>.</summary>
        public string? Body { get; set; }

        public bool Formatted { get; set; }

        /// <summary>Empty: replies go where the sender's resolution says.</summary>
        public int? ReplyToChannelId { get; set; }
        public List<IFormFile> Attachments { get; set; } = [];

        /// <summary>Adds the channel's or the central signature (unticked: none).</summary>
        public bool AddSignature { get; set; } = true;

        /// <summary>Sends to addresses suppressed after bounces too (offered once a send was refused).</summary>
        public bool SendToSuppressed { get; set; }
    }

    /// <summary>The last send was refused because recipients are suppressed: the page offers to send anyway.</summary>
    public bool SuppressedRefusal { get; private set; }

    /// <summary>The signature the chosen sender's message would carry, filled in for you (Preview); null when there is none.</summary>
    public (string? Text, string? Html)? Preview { get; private set; }

    /// <summary>What the Preview shows the message will go out as: the chosen sender, resolved as a send would be.</summary>
    public SenderChoice? PreviewedFrom { get; private set; }

    /// <summary>Where replies will go: the chosen Reply-To channel, else what the sender's resolution sets; null for From.</summary>
    public string? PreviewedReplyTo { get; private set; }

    public bool Previewed { get; private set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<SenderChoice> Choices { get; private set; } = [];

    public IReadOnlyList<ReplyToChoice> ReplyTos { get; private set; } = [];

    /// <summary>The project the message is sent in (Planfix's projects): only its channels are offered, its defaults preselected.</summary>
    [BindProperty(SupportsGet = true)]
    public int? ProjectId { get; set; }

    /// <summary>The projects you may send in.</summary>
    public IReadOnlyList<(int Id, string Name)> Projects { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var project = await LoadAsync(MessageEndpoints.ActorOf(User), ct);
        if (project?.DefaultSenderChannelId is { } sender && Choices.Any(c => c.Ref.ChannelId == sender))
        {
            Input.From = $"channel:{sender}";
        }

        Input.ReplyToChannelId = project?.DefaultReplyToChannelId is { } replyTo && ReplyTos.Any(r => r.ChannelId == replyTo) ? replyTo : null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = MessageEndpoints.ActorOf(User);
        await LoadAsync(actor, ct);
        var from = Choices.FirstOrDefault(c => c.Key == Input.From);
        if (from is null)
        {
            ModelState.AddModelError("Input.From", "Choose who the message is from.");
            return Page();
        }

        var attachments = new List<AttachmentInput?>();
        foreach (var file in Input.Attachments)
        {
            var content = new byte[file.Length];
            await using var stream = file.OpenReadStream();
            await stream.ReadExactlyAsync(content, ct);
            attachments.Add(new AttachmentInput(file.FileName, file.ContentType, content));
        }

        var (text, html) = ComposedBody.Parts(Input.Body, Input.Formatted);
        var signature = Input.AddSignature ? SendRequest.AutoSignature : SendRequest.NoSignature;
        var request = new SendRequest(from.Ref, Split(Input.To), Split(Input.Cc), Split(Input.Bcc), Input.Subject, text,
            html, Input.ReplyToChannelId, attachments, null, signature, ProjectId, Input.SendToSuppressed);
        var result = await intake.EnqueueAsync(request, actor, ct);
        if (result.Message is { } message)
        {
            TempData.UnderWay($"Your message to {Recipients(message.Recipients)} is queued.");
            return RedirectToPage("/Messages/Details", new { id = message.Id });
        }

        if (result.Failure is { } failure)
        {
            SuppressedRefusal = failure.Code == FailureCodes.RecipientSuppressed;
            ModelState.AddModelError("", $"{failure.Message} {string.Join(" ", failure.Steps)} {failure.Fix}");
        }

        ModelState.AddChangeErrors(result.Errors, field => field switch
        {
            _ when field.StartsWith("attachments", StringComparison.Ordinal) => "Input.Attachments",
            "text" or "html" => "Input.Body",
            _ => ChangeErrors.Under(nameof(Input), field),
        });

        return Page();
    }

    /// <summary>Shows the From, Reply-To and signature the message would go out with, without sending.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        var actor = MessageEndpoints.ActorOf(User);
        await LoadAsync(actor, ct);
        ModelState.Clear();
        if (Choices.FirstOrDefault(c => c.Key == Input.From) is { } from)
        {
            Previewed = true;
            PreviewedFrom = from;
            PreviewedReplyTo = ReplyTos.FirstOrDefault(r => r.ChannelId == Input.ReplyToChannelId)?.Label ?? from.Resolution.Plan?.ReplyTo;
            Preview = Input.AddSignature ? await signatures.ForMessageAsync(from.Ref.ChannelId, ProjectId, actor.UserId, ct) : null;
        }

        return Page();
    }

    /// <summary>The senders, Reply-Tos and projects you may choose; a project you may not send in is not used.</summary>
    private async Task<ProjectContext?> LoadAsync(Actor actor, CancellationToken ct)
    {
        Projects = await projects.OfAsync(actor.UserId, actor.IsAdmin, ct);
        var project = ProjectId is { } id ? await projects.ForAsync(id, actor.UserId, ct) : null;
        if (project?.Admits(actor).Allowed != true)
        {
            (project, ProjectId) = (null, null);
            // The form would otherwise carry the refused project along from the request.
            ModelState.Remove(nameof(ProjectId));
        }

        Choices = await choices.ForAsync(actor, ct, project);
        ReplyTos = await choices.ReplyTosAsync(actor, ct, project);
        return project;
    }

    private static string Recipients(List<string> recipients) =>
        recipients.Count <= 3 ? string.Join(", ", recipients) : $"{string.Join(", ", recipients.Take(2))} and {recipients.Count - 2:N0} more";

    private static List<string?> Split(string? addresses) =>
        [.. (addresses ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
