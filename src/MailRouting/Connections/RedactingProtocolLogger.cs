using System.Diagnostics;
using System.Text;
using MailKit;

namespace MailRouting.Connections;

/// <summary>
/// Records an SMTP conversation with timestamps, replacing everything MailKit marks as an authentication
/// secret (AUTH payloads, LOGIN username and password) with asterisks before it is kept.
/// </summary>
public sealed class RedactingProtocolLogger : IProtocolLogger
{
    public sealed record Line(TimeSpan At, bool FromClient, string Text);

    private const string Redacted = "********";
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<Line> lines = [];
    private readonly string? knownSecret;

    public RedactingProtocolLogger(string? knownSecret = null) => this.knownSecret = knownSecret;

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    public IReadOnlyList<Line> Lines => lines;

    public TimeSpan Now => clock.Elapsed;

    public void LogConnect(Uri uri) => lines.Add(new Line(clock.Elapsed, true, $"connected to {uri}"));

    public void LogClient(byte[] buffer, int offset, int count) => Add(buffer, offset, count, fromClient: true);

    public void LogServer(byte[] buffer, int offset, int count) => Add(buffer, offset, count, fromClient: false);

    public string Transcript() => string.Join('\n', lines.Select(l => (l.FromClient ? "C: " : "S: ") + l.Text));

    public void Dispose()
    {
    }

    private void Add(byte[] buffer, int offset, int count, bool fromClient)
    {
        var copy = buffer.AsSpan(offset, count).ToArray();
        var secrets = fromClient ? AuthenticationSecretDetector?.DetectSecrets(buffer, offset, count) : null;
        var text = secrets is { Count: > 0 } ? RedactRanges(copy, offset, secrets) : Encoding.UTF8.GetString(copy);
        if (!string.IsNullOrEmpty(knownSecret))
        {
            text = text.Replace(knownSecret, Redacted, StringComparison.Ordinal)
                .Replace(Convert.ToBase64String(Encoding.UTF8.GetBytes(knownSecret)), Redacted, StringComparison.Ordinal);
        }

        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            lines.Add(new Line(clock.Elapsed, fromClient, line.TrimEnd('\r')));
        }
    }

    private static string RedactRanges(byte[] copy, int offset, IList<AuthenticationSecret> secrets)
    {
        var text = new StringBuilder();
        var position = 0;
        foreach (var secret in secrets.OrderBy(s => s.StartIndex))
        {
            var start = secret.StartIndex - offset;
            text.Append(Encoding.UTF8.GetString(copy, position, start - position)).Append(Redacted);
            position = start + secret.Length;
        }

        return text.Append(Encoding.UTF8.GetString(copy, position, copy.Length - position)).ToString();
    }
}
