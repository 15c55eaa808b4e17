namespace MailRouting.TestMailApis;

/// <summary>One send request a stand-in answered: for whom, with which caller, and what it said.</summary>
/// <param name="AsApp">The token was the app's own (application permission), not a mailbox's.</param>
/// <param name="MessageId">The Message-ID of the MIME it carried, when it could be read.</param>
/// <param name="At">When the request arrived.</param>
/// <param name="Upload">
/// The message came as a media upload (Gmail) or as a draft with its attachments added separately (Graph), not whole in
/// one request.
/// </param>
public sealed record ApiCall(string Mailbox, bool AsApp, int Status, string? MessageId, DateTimeOffset At,
    bool Upload = false);
