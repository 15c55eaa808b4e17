namespace MailRouting.Outbox.Intake;

/// <summary>The addresses a request gives, trimmed, without nulls and blanks.</summary>
public static class RequestAddresses
{
    public static IEnumerable<string> Given(IList<string?>? addresses) =>
        (addresses ?? []).OfType<string>().Select(a => a.Trim()).Where(a => a.Length > 0);

    /// <summary>To, Cc and Bcc: everyone the message goes to.</summary>
    public static IEnumerable<string> Recipients(SendRequest request) => Given(request.To).Concat(Given(request.Cc)).Concat(Given(request.Bcc));
}
