using MailRouting.Diagnostics;

namespace MailRouting.Outbox.Outcomes;

/// <summary>Why a send did not go out, and what happens to the message next.</summary>
/// <param name="Reply">What the server said, as the attempt shows it.</param>
/// <param name="Temporary">Worth retrying after a back-off.</param>
/// <param name="NeedsConfiguration">Held until someone changes the sign-in settings: retrying would only lock the account.</param>
/// <param name="CertificateSha256">The fingerprint of a certificate the machine does not trust, for the page to offer pinning it.</param>
public sealed record SendFailure(Diagnostic Diagnostic, string? Reply, bool Temporary, bool NeedsConfiguration = false,
    string? CertificateSha256 = null);
