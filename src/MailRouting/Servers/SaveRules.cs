using Microsoft.Extensions.Configuration;

namespace MailRouting.Servers;

/// <summary>Mail:RequireTestBeforeSave: a server's settings are saved only when a test of them succeeds (Planfix's rule).</summary>
public sealed record SaveRules(bool RequireTestBeforeSave)
{
    public static SaveRules From(IConfiguration configuration) => new(configuration.GetValue("Mail:RequireTestBeforeSave", false));
}
