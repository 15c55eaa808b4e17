using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MailRouting.IntegrationTests.Mta;

namespace MailRouting.IntegrationTests.OAuth;

/// <summary>
/// A test class with an app of its own per test and the OAuth2 scenario against the real MTA, the test authorization
/// server and the mail API stand-ins.
/// </summary>
public abstract class OAuthAppTests(MtaFixture mta) : IAsyncLifetime
{
    protected AppFactory App { get; } = new();

    protected MtaFixture Mta => mta;

    protected OAuthScenario OAuth { get; private set; } = null!;

    /// <summary>The admin's API client.</summary>
    protected HttpClient Api => OAuth.Admin;

    public virtual async Task InitializeAsync()
    {
        await App.InitializeAsync();
        OAuth = await OAuthScenario.StartAsync(App, mta);
    }

    public Task DisposeAsync() => App.DisposeAsync();

    /// <summary>Posts a message to send, which must be accepted.</summary>
    protected static async Task<JsonObject> AcceptedAsync(HttpClient client, object message)
    {
        var response = await client.PostAsJsonAsync("/api/v1/messages", message);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>The message once it is sent or has failed.</summary>
    protected static Task<JsonObject> DoneAsync(HttpClient client, JsonObject accepted) =>
        Eventually.MessageAsync(client, (string)accepted["id"]!, m => (string?)m["status"] is "Sent" or "Failed");
}
