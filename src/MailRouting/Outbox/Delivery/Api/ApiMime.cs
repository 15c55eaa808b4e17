using MimeKit;

namespace MailRouting.Outbox.Delivery.Api;

/// <summary>
/// The MIME an HTTP mail API is given. Over SMTP the envelope carries every recipient; an API reads them from the
/// headers, so the recipients no header names (Bcc) are added as a Bcc header, which the provider removes before
/// delivery. Every other byte, the Message-ID included, stays as the outbox built it.
/// </summary>
public static class ApiMime
{
    public static byte[] For(OutboxMessage message)
    {
        using var stream = new MemoryStream(message.Mime, writable: false);
        var headers = HeaderList.Load(stream);
        var named = new[] { HeaderId.To, HeaderId.Cc }
            .SelectMany(id => headers.Where(h => h.Id == id))
            .SelectMany(h => InternetAddressList.Parse(h.Value).Mailboxes)
            .Select(m => m.Address)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var hidden = message.Recipients.Where(r => !named.Contains(r)).ToList();
        if (hidden.Count == 0)
        {
            return message.Mime;
        }

        var bcc = System.Text.Encoding.ASCII.GetBytes($"Bcc: {string.Join(", ", hidden)}\r\n");
        return [.. bcc, .. message.Mime];
    }
}
