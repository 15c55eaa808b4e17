using MailRouting.Benchmarks.Targets;
using MimeKit;

namespace MailRouting.Benchmarks.Pipeline;

/// <summary>The same messages for every contender: one recipient each, a 1 KB plain-text body, from the support account.</summary>
public sealed record Workload(int Count, string RunId)
{
    public static string Body { get; } = File.ReadAllText(Path.Combine(Repository.Root, "bench/peers/body.txt")).Trim();

    public string Recipient(int index) => $"{RunId}-{index}@customer.test";

    public static string Subject(int index) => $"Your ticket {index}";

    public MimeMessage Message(int index)
    {
        var message = new MimeMessage { Subject = Subject(index), Body = new TextPart("plain") { Text = Body } };
        message.From.Add(new MailboxAddress("Acme Support", HarnessMta.Login));
        message.To.Add(MailboxAddress.Parse(Recipient(index)));
        return message;
    }
}
