using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MailRouting.IntegrationTests;

/// <summary>
/// Waits for what the app does in the background, always with a deadline; a wait that runs out fails the test.
/// Deadlines are measured on the monotonic clock: the wall clock of these machines is adjusted while tests run.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Reads GET /api/v1/messages/{id} until <paramref name="done"/> holds.</summary>
    public static async Task<JsonObject> MessageAsync(HttpClient client, string id, Func<JsonObject, bool> done, TimeSpan? deadline = null)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var message = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/messages/{id}"))!;
            if (done(message))
            {
                return message;
            }

            Assert.True(waited.Elapsed < (deadline ?? Deadline),
                $"Message {id} did not get there within {(deadline ?? Deadline).TotalSeconds} s; "
                + $"it is now {message.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    /// <summary>Until the message's copy to Sent is done, copied or given up.</summary>
    public static Task<JsonObject> SentCopyDoneAsync(HttpClient client, string id) =>
        MessageAsync(client, id, m => (string?)m["sentCopy"]?["status"] is "Copied" or "Failed");

    /// <summary>Asks <paramref name="holds"/> until it answers true; fails with <paramref name="failure"/> when the deadline passes.</summary>
    public static async Task TrueAsync(Func<Task<bool>> holds, TimeSpan deadline, string failure)
    {
        var waited = Stopwatch.StartNew();
        while (!await holds())
        {
            Assert.True(waited.Elapsed < deadline, failure);
            await Task.Delay(100);
        }
    }
}
