using MailRouting.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace MailRouting.Servers;

/// <summary>
/// Mail:RequireTestBeforeSave: a server's settings, and a channel's own login, are saved only when a test of them succeeds
/// (Planfix's rule).
/// </summary>
public sealed record SaveRules(bool RequireTestBeforeSave)
{
    /// <summary>The error key of settings refused because their test failed.</summary>
    public const string FailedTest = "test";

    public static SaveRules From(IConfiguration configuration) => new(configuration.GetValue("Mail:RequireTestBeforeSave", false));

    public static string Refusal(Diagnostic failed) =>
        $"Not saved: these settings must pass a test first (Mail:RequireTestBeforeSave), and the test failed with {failed.Code}: {failed.Message} {failed.Fix}";
}
