using System.Globalization;
using System.Text.Json.Nodes;

namespace MailRouting.Benchmarks.Pipeline;

/// <summary>The libraries a team would pick instead, run by the scripts in bench/peers against the same server and messages.</summary>
public static class Peers
{
    private static string Folder => Path.Combine(Repository.Root, "bench/peers");

    public static Task<TimeSpan> NodemailerPoolAsync(HarnessMta mta, Workload workload, int connections) =>
        RunAsync("node", "nodemailer-pool.js", mta, workload, connections.ToString(CultureInfo.InvariantCulture), workload.RunId);

    public static Task<TimeSpan> PhpMailerKeepAliveAsync(HarnessMta mta, Workload workload) =>
        RunAsync("php", "phpmailer-keepalive.php", mta, workload, workload.RunId);

    private static async Task<TimeSpan> RunAsync(string program, string script, HarnessMta mta, Workload workload, params string[] more)
    {
        string[] arguments = [Path.Combine(Folder, script), HarnessMta.Host, mta.SubmissionPort.ToString(CultureInfo.InvariantCulture),
            HarnessMta.Login, HarnessMta.Password, workload.Count.ToString(CultureInfo.InvariantCulture), .. more];
        var result = JsonNode.Parse(await Script.RunAsync(program, arguments, Folder))!;
        return (int)result["sent"]! == workload.Count
            ? TimeSpan.FromSeconds((double)result["seconds"]!)
            : throw new InvalidOperationException($"{script} sent {result["sent"]} of {workload.Count} messages.");
    }
}
