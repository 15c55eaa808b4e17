namespace MailRouting.Health;

/// <summary>One kind of credential trouble, looked for across every server, channel and user.</summary>
public interface ICredentialCheck
{
    Task<IEnumerable<CredentialWarning>> FindAsync(DateTime now, CancellationToken ct);
}
