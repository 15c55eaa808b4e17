using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.Benchmarks.Pipeline;
using MailRouting.Benchmarks.Targets;

namespace MailRouting.Benchmarks.Memory;

/// <summary>
/// What large messages cost the app's memory, and whether it gets the memory back: the app as its own process on SQLite
/// takes messages with an 18 MB attachment (about 25 MB as JSON and as MIME, the size limit) through its API and sends
/// them through Postfix, first one after another, then several at once. Its memory is read from /proc when it is idle,
/// throughout each phase for its highest point, and <see cref="SoonAfter"/> and <see cref="LaterAfter"/> after the
/// phase's last message was Sent (the app gives memory back 2 s after large messages stop, and once more 70 s after).
/// </summary>
public static class MemoryBench
{
    public const int AttachmentBytes = 18_000_000;
    public const int OneAfterAnother = 6;
    public const int AtOnce = 4;
    public const double StillHeldTarget = 0.5;
    public static readonly TimeSpan SoonAfter = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan LaterAfter = TimeSpan.FromSeconds(80);

    public static async Task<MemoryResults> RunAsync(Results.Measurement measurement, int portBase, Action<string> progress)
    {
        await using var mta = await HarnessMta.StartAsync(Repository.Root, portBase);
        await mta.AllowMessagesUpToAsync(40_000_000);
        await using var app = await AppPipeline.StartAsync();
        var api = app.Apis[0];
        var processId = app.ProcessIds[0];
        var channel = await app.ChannelAsync(mta, connections: 2, Sending.Password);
        var attachment = new byte[AttachmentBytes];
        new Random(1).NextBytes(attachment);
        var content = Convert.ToBase64String(attachment);

        await WaitForSentAsync(api, [await SendAsync(api, channel, "warm-up", null)]);
        await Task.Delay(SoonAfter);
        var idle = ProcessMemory.Of(processId);
        var phases = new List<MemoryResults.Phase>();
        foreach (var (name, count, parallel) in new[] { ("one after another", OneAfterAnother, 1), ("at once", AtOnce, AtOnce) })
        {
            progress($"memory: {count} messages of {AttachmentBytes / 1_000_000} MB attachments, {name}");
            var peak = await ProcessMemory.PeakDuringAsync(processId, Task.Run(async () =>
            {
                for (var sent = 0; sent < count; sent += parallel)
                {
                    await WaitForSentAsync(api, await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => SendAsync(api, channel, name, content))));
                }
            }));
            await Task.Delay(SoonAfter);
            var soon = ProcessMemory.Of(processId);
            await Task.Delay(LaterAfter - SoonAfter);
            phases.Add(new MemoryResults.Phase(name, count, peak, soon, ProcessMemory.Of(processId)));
        }

        await mta.DrainAsync(1 + OneAfterAnother + AtOnce);
        return new MemoryResults(measurement.Finished(), await app.LargestMessageBytesAsync(), idle, phases);
    }

    private static async Task<string> SendAsync(HttpClient api, int channel, string subject, string? content)
    {
        object[] attachments = content is null ? [] : [new { fileName = "scan.bin", contentType = "application/octet-stream", contentBase64 = content }];
        var response = await api.PostAsJsonAsync("/api/v1/messages", new
        {
            from = new { channelId = channel }, to = new[] { "memory@customer.test" }, subject, text = "The scan you asked for.", attachments,
        });
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static async Task WaitForSentAsync(HttpClient api, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            var clock = Stopwatch.StartNew();
            JsonObject message;
            while ((string?)(message = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/messages/{id}"))!)["status"] != "Sent")
            {
                if ((string?)message["status"] == "Failed" || clock.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw new InvalidOperationException($"Message {id} was not sent: {message.ToJsonString()}");
                }

                await Task.Delay(100);
            }
        }
    }
}
