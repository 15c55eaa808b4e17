// Usage: dotnet run -- BASE_URL ADMIN_EMAIL ADMIN_PASSWORD RECIPIENT
// Signs in, creates a server and a channel, sends a message and reads it back, then provokes a 400 and a 422, all through
// the generated client; prints one JSON line with what it saw.
using System.Text.Json;
using MailRouting.Client;
using MailRouting.Client.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

var (baseUrl, email, password, recipient) = (args[0], args[1], args[2], args[3]);

var anonymous = new MailRoutingClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider()) { BaseUrl = baseUrl });
var tokens = await anonymous.Api.V1.Auth.Login.PostAsync(new LoginRequest { Email = email, Password = password });
var client = new MailRoutingClient(new HttpClientRequestAdapter(new BaseBearerTokenAuthenticationProvider(new Token(tokens!.AccessToken!))) { BaseUrl = baseUrl });

var server = await client.Api.V1.SmtpServers.PostAsync(new SmtpServerInput
{
    Name = "Generated client relay", Host = "127.0.0.1", Port = 2, Security = SmtpSecurity.None, AuthMethod = SmtpAuthMethod.None,
    SenderAddress = "relay@acme.test",
});
var channel = await client.Api.V1.Channels.PostAsync(new ChannelInput { Name = "Support", Address = "support@acme.test", DisplayName = "Acme Support", ServerId = server!.Id });
var closed = await client.Api.V1.Channels.PostAsync(new ChannelInput { Name = "Closed", Address = "closed@acme.test", ServerId = server.Id, IsActive = false });
var accepted = await client.Api.V1.Messages.PostAsync(new SendRequest
{
    From = new SenderRef { ChannelId = channel!.Id }, To = [recipient], Subject = "Sent by a generated client", Text = "Hello.",
});
var message = await client.Api.V1.Messages[accepted!.Id!.Value].GetAsync();

string[]? invalidFields = null;
try
{
    await client.Api.V1.Messages.PostAsync(new SendRequest { From = new SenderRef { ChannelId = channel.Id }, To = ["not an address"], Text = "x" });
}
catch (HttpValidationProblemDetails problem)
{
    invalidFields = [.. problem.Errors!.AdditionalData.Keys];
}

string? refusal = null;
try
{
    await client.Api.V1.Messages.PostAsync(new SendRequest { From = new SenderRef { ChannelId = closed!.Id }, To = [recipient], Text = "x" });
}
catch (SendFailureProblem problem)
{
    refusal = problem.Code;
}

Console.WriteLine(JsonSerializer.Serialize(new
{
    serverId = server.Id, channelId = channel.Id, acceptedStatus = accepted.Status?.ToString(), messageId = message!.MessageId, subject = message.Subject,
    recipients = message.Recipients, invalidFields, refusal,
}));

/// <summary>The token from sign-in, given to every request.</summary>
internal sealed class Token(string value) : IAccessTokenProvider
{
    public AllowedHostsValidator AllowedHostsValidator { get; } = new();

    public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null,
        CancellationToken cancellationToken = default) => Task.FromResult(value);
}
