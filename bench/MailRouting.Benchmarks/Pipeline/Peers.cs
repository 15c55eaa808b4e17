using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using MailRouting.Benchmarks.Targets;

namespace MailRouting.Benchmarks.Pipeline;

/// <summary>
/// The libraries a team would pick instead, run by the scripts in bench/peers against the same server and messages, with the
/// harness certificate checked (trusted as its own authority, as the app trusts it by its fingerprint).
/// </summary>
public static class Peers
{
    private static string Folder => Path.Combine(Repository.Root, "bench/peers");

    /// <summary>The version each script reported, by library.</summary>
    public static ConcurrentDictionary<string, string> Versions { get; } = new();

    public static Task<TimeSpan> NodemailerPoolAsync(HarnessMta mta, Workload workload, int connections) =>
        RunAsync("nodemailer", "node", "nodemailer-pool.js", mta, workload, connections.ToString(CultureInfo.InvariantCulture), workload.RunId, mta.CertificateFile);

    /// <param name="noDelay">False: PHPMailer's socket as it ships; true: with the stream option tcp_nodelay.</param>
    public static Task<TimeSpan> PhpMailerKeepAliveAsync(HarnessMta mta, Workload workload, bool noDelay) =>
        RunAsync("PHPMailer", "php", "phpmailer-keepalive.php", mta, workload, workload.RunId, mta.CertificateFile, noDelay ? "nodelay" : "shipped");

    private static async Task<TimeSpan> RunAsync(string library, string program, string script, HarnessMta mta, Workload workload, params string[] more)
    {
        string[] arguments =
        [
            Path.Combine(Folder, script), mta.Host, mta.SubmissionPort.ToString(CultureInfo.InvariantCulture),
            HarnessMta.Login, HarnessMta.Password, workload.Count.ToString(CultureInfo.InvariantCulture), .. more,
        ];
        var result = JsonNode.Parse(await Script.RunAsync(program, arguments, Folder))!;
        Versions[library] = (string?)result["version"] ?? "unknown";
        return (int)result["sent"]! == workload.Count
            ? TimeSpan.FromSeconds((double)result["seconds"]!)
            : throw new InvalidOperationException($"{script} sent {result["sent"]} of {workload.Count} messages.");
    }
}
