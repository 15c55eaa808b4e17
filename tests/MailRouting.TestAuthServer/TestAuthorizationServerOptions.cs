namespace MailRouting.TestAuthServer;

public sealed class TestAuthorizationServerOptions
{
    public required int Port { get; init; }

    /// <summary>The mailboxes that can sign in, with their passwords (the same accounts the test MTA knows).</summary>
    public required IReadOnlyDictionary<string, string> Accounts { get; init; }

    /// <summary>Callback addresses the MailRouting client may use, exactly as registered at a real provider.</summary>
    public required IReadOnlyList<Uri> RedirectUris { get; init; }

    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Where OpenIddict keeps its SQLite file.</summary>
    public required string Folder { get; init; }
}
