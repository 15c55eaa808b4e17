using System.Globalization;
using System.Security.Claims;
using MailRouting.OAuth;
using MailRouting.Web.Mailboxes;
using MailRouting.Web.Security;

namespace MailRouting.Web.Api;

/// <summary>OAuth apps (admins), and connecting the mailbox of a server, a channel or one's own login.</summary>
public static class OAuthEndpoints
{
    public static void MapOAuthEndpoints(this RouteGroupBuilder api)
    {
        var apps = api.MapGroup("/oauth-apps").WithTags("OAuth apps").RequireBearer();
        apps.MapGet("/", ListAsync).Only(Policies.Admin).Named("ListOAuthApps", "Every OAuth app, without client secrets.")
            .Produces<IReadOnlyList<OAuthAppSummary>>();
        apps.MapGet("/{id:int}", GetAsync).Only(Policies.Admin).Named("GetOAuthApp", "One OAuth app, without its client secret.")
            .Produces<OAuthAppSummary>().ProducesProblem(StatusCodes.Status404NotFound);
        apps.MapPost("/", CreateAsync).Only(Policies.Admin).Named("CreateOAuthApp", "Registers an OAuth app (Microsoft 365, Google or another provider).")
            .Produces<OAuthAppSummary>(StatusCodes.Status201Created).ProducesValidationProblem();
        apps.MapPut("/{id:int}", UpdateAsync).Only(Policies.Admin).Named("UpdateOAuthApp", "Changes an OAuth app; an empty client secret keeps the stored one.")
            .Produces<OAuthAppSummary>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        apps.MapDelete("/{id:int}", DeleteAsync).Only(Policies.Admin).Named("DeleteOAuthApp", "Deletes an OAuth app no server uses.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var connect = api.MapGroup("/").WithTags("Connected mailboxes").RequireBearer();
        connect.MapPost("/smtp-servers/{id:int}/oauth/connect", ConnectServerAsync).Only(Policies.Admin).Named("ConnectSmtpServerMailbox",
            "Starts connecting the server account's mailbox: open the returned address in a browser and sign in as the server's username.").Connects();
        connect.MapDelete("/smtp-servers/{id:int}/oauth", (int id, MailboxConnections connections, CancellationToken ct) =>
                DisconnectAsync(GrantKey.ForServer(id), connections, ct))
            .Only(Policies.Admin).Named("DisconnectSmtpServerMailbox", "Removes the server account's tokens.").Disconnects();
        connect.MapPost("/channels/{id:int}/oauth/connect", ConnectChannelAsync).Only(Policies.Admin).Named("ConnectChannelMailbox",
            "Starts connecting the channel's own login: open the returned address in a browser and sign in as the channel's login.").Connects();
        connect.MapDelete("/channels/{id:int}/oauth", (int id, MailboxConnections connections, CancellationToken ct) =>
                DisconnectAsync(new GrantKey(GrantOwner.Channel, id.ToString(CultureInfo.InvariantCulture)), connections, ct))
            .Only(Policies.Admin).Named("DisconnectChannelMailbox", "Removes the channel login's tokens.").Disconnects();
        connect.MapPost("/me/oauth/connect", ConnectMineAsync).Only(Policies.Sender).Named("ConnectMyMailbox",
            "Starts connecting your own login: open the returned address in a browser and sign in as yourself.").Connects();
        connect.MapDelete("/me/oauth", (ClaimsPrincipal caller, MailboxConnections connections, CancellationToken ct) =>
                DisconnectAsync(new GrantKey(GrantOwner.User, caller.FindFirstValue(ClaimTypes.NameIdentifier)!), connections, ct))
            .Only(Policies.Sender).Named("DisconnectMyMailbox", "Removes your own login's tokens.").Disconnects();
    }

    private static RouteHandlerBuilder Connects(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces<ConnectStarted>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static RouteHandlerBuilder Disconnects(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> ListAsync(OAuthAppService apps, CancellationToken ct) => TypedResults.Ok(await apps.ListAsync(ct));

    private static async Task<IResult> GetAsync(int id, OAuthAppService apps, CancellationToken ct) =>
        await apps.FindAsync(id, ct) is { } app ? TypedResults.Ok(app) : ApiResults.NotFound($"OAuth app {id}");

    private static async Task<IResult> CreateAsync(OAuthAppInput input, OAuthAppService apps, CancellationToken ct)
    {
        var change = await apps.SaveAsync(null, input, ct);
        return change.Value is { } created
            ? TypedResults.Created($"/api/v1/oauth-apps/{created.Id}", await apps.FindAsync(created.Id, ct))
            : ApiResults.From(change, _ => TypedResults.Empty);
    }

    private static async Task<IResult> UpdateAsync(int id, OAuthAppInput input, OAuthAppService apps, CancellationToken ct)
    {
        var change = await apps.SaveAsync(id, input, ct);
        return change.Value is { } saved ? TypedResults.Ok(await apps.FindAsync(saved.Id, ct)) : ApiResults.From(change, _ => TypedResults.Empty);
    }

    private static async Task<IResult> DeleteAsync(int id, OAuthAppService apps, CancellationToken ct) =>
        ApiResults.From(await apps.DeleteAsync(id, ct), _ => TypedResults.NoContent());

    private static async Task<IResult> ConnectServerAsync(int id, HttpContext http, GrantTargets targets, ConnectLinks links, CancellationToken ct) =>
        Started(await links.StartAsync(await targets.ForServerAsync(id, ct), $"/SmtpServers/Details/{id}", http, ct));

    private static async Task<IResult> ConnectChannelAsync(int id, HttpContext http, GrantTargets targets, ConnectLinks links, CancellationToken ct) =>
        Started(await links.StartAsync(await targets.ForChannelAsync(id, ct), $"/Channels/Details/{id}", http, ct));

    private static async Task<IResult> ConnectMineAsync(HttpContext http, GrantTargets targets, ConnectLinks links, CancellationToken ct) =>
        Started(await links.StartAsync(await targets.ForUserAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct), "/Profile", http, ct));

    private static IResult Started(ConnectLink link) => link switch
    {
        { AuthorizationUrl: { } url, RedirectUri: { } redirect } => TypedResults.Ok(new ConnectStarted(url, redirect)),
        { NotFound: true } => ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", link.Refusal),
        _ => ApiResults.Problem(StatusCodes.Status409Conflict, "Nothing to connect", link.Refusal),
    };

    private static async Task<IResult> DisconnectAsync(GrantKey key, MailboxConnections connections, CancellationToken ct) =>
        await connections.DisconnectAsync(key, ct) ? TypedResults.NoContent() : ApiResults.NotFound("A connected mailbox");
}
