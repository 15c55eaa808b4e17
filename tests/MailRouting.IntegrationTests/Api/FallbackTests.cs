using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;
using MailRouting.IntegrationTests.OAuth;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// A Graph server whose app permission Microsoft refuses (the stand-in's application access policy leaves the mailbox
/// out: 403 ErrorAccessDenied) moves its messages to the SMTP server it names as fallback, the test Postfix, and the
/// message says so; without a fallback the message is held where it is.
/// </summary>
[Collection(MtaGroup.Name)]
public sealed class FallbackTests(MtaFixture mta) : OAuthAppTests(mta)
{
    [Fact]
    public async Task GraphRefusingTheAppsPermission_MovesTheMessageToTheNamedFallback_WhichDeliversIt_AndSaysSo()
    {
        var postfix = await OAuth.PostfixServerAsync(MtaFixture.Support, "Postfix fallback");
        var graph = await OAuth.GraphServerAsync(null, "support@acme.test", [], fallbackServerId: postfix);
        var channel = await OAuth.ChannelAsync("support@acme.test", graph);
        var to = MtaFixture.UniqueRecipient();

        var (accepted, sent) = await SentWhileGraphRefusesAsync(channel, to);

        Assert.True((string?)sent["status"] == "Sent", sent.ToJsonString());
        Assert.Equal((postfix, graph), ((int)sent["serverId"]!, (int?)sent["fallbackFromServerId"]));
        var attempts = sent["attempts"]!.AsArray();
        Assert.StartsWith("Moved to the fallback server Postfix fallback", (string?)attempts[0]!["outcome"]);
        Assert.StartsWith("403 ErrorAccessDenied", (string?)attempts[0]!["serverReply"]);
        Assert.StartsWith("250", (string?)attempts[1]!["serverReply"]);
        var (delivered, _) = await Mta.DeliveredToAsync(to);
        Assert.Equal((string?)accepted["messageId"], delivered.MessageId);
        Assert.Equal("support@acme.test", delivered.From.Mailboxes.Single().Address);
        using var browser = await App.BrowserAsync();
        Assert.Contains("Carried by the fallback server Postfix fallback, through SMTP",
            await browser.GetStringAsync($"/Messages/Details/{accepted["id"]}"));
    }

    [Fact]
    public async Task WithoutAFallback_TheSameRefusal_HoldsTheMessage_AndNothingGoesElsewhere()
    {
        var graph = await OAuth.GraphServerAsync(null, "support@acme.test", []);
        var channel = await OAuth.ChannelAsync("support@acme.test", graph);
        var to = MtaFixture.UniqueRecipient();

        var (_, held) = await SentWhileGraphRefusesAsync(channel, to);

        Assert.Equal("Retrying", (string?)held["status"]);
        Assert.Equal(graph, (int)held["serverId"]!);
        Assert.Null(held["fallbackFromServerId"]);
        Assert.Equal("Held until the sign-in settings change", (string?)held["attempts"]![0]!["outcome"]);
        Assert.Equal(0, Mta.DeliveredCount(to));
    }

    /// <summary>
    /// Sends while Graph's access policy admits no mailbox, until the message is sent, failed or held.
    /// </summary>
    private async Task<(JsonObject Accepted, JsonObject Done)> SentWhileGraphRefusesAsync(int channel, string to)
    {
        Mta.Graph.AppAccessPolicy = new HashSet<string>();
        try
        {
            var accepted = await AcceptedAsync(Api, new { from = new { channelId = channel }, to = new[] { to },
                subject = "Fallback", text = "Sent however it can be." });
            return (accepted, await Eventually.MessageAsync(Api, (string)accepted["id"]!, m =>
                (string?)m["status"] is "Sent" or "Failed" || m["attempts"]!.AsArray().Any(a =>
                    (string?)a!["outcome"] == "Held until the sign-in settings change")));
        }
        finally
        {
            Mta.Graph.AppAccessPolicy = null;
        }
    }
}
