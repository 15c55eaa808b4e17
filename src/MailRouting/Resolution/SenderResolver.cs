using MailRouting.Servers;

namespace MailRouting.Resolution;

/// <summary>
/// The rules of DESIGN §2 as one pure function: the effective server is the sender's own choice or the default, From
/// always belongs to the account that signs in, and every right (send as, the project, the Reply-To channel) is decided
/// here and nowhere else. Each step is recorded so a person can follow the decision, and a refusal names its rule.
/// </summary>
public sealed class SenderResolver(SenderNameFormat nameFormat)
{
    public Resolution Resolve(RoutingSender sender, IReadOnlyCollection<RoutingServer> servers,
        SendContext? context = null) =>
        Decide(sender, Route(sender, servers), context);

    /// <summary>
    /// How the sender's mail goes out before any right is asked: it depends on the sender and the servers alone, so a
    /// loader may keep it while they are unchanged and decide each send's rights on it with <see cref="Decide"/>.
    /// </summary>
    public Resolution Route(RoutingSender sender, IReadOnlyCollection<RoutingServer> servers) =>
        Routed(sender, servers, []);

    /// <summary>
    /// A send's rights decided on its route: the route itself when nothing is asked, the refusal that names the
    /// first rule that fails, or the route with the reasons that allow it and the Reply-To asked for.
    /// </summary>
    public static Resolution Decide(RoutingSender sender, Resolution routed, SendContext? context)
    {
        if (context is null or { Actor: null, Project: null, ReplyTo: null })
        {
            return routed;
        }

        var steps = new List<string>();
        if (Refusal(sender, context, steps) is { } refused)
        {
            return refused;
        }

        if (routed.Plan is not { } plan)
        {
            return steps.Count == 0 ? routed
                : new Resolution(null, routed.Failure! with { Steps = [.. steps, .. routed.Failure.Steps] });
        }

        steps.AddRange(plan.Steps);
        return context.ReplyTo is { } replyTo ? WithReplyTo(plan, replyTo, context, steps)
            : steps.Count == plan.Steps.Count ? routed
            : Plan(plan.Server, plan.Credentials, plan.Login, plan.From, plan.ReplyTo, steps);
    }

    /// <summary>Whether the actor may send as the sender in the project;
    /// the reasons that allow it become steps.</summary>
    private static Resolution? Refusal(RoutingSender sender, SendContext context, List<string> steps)
    {
        if (context is { Actor: { } member, Project: { } project })
        {
            var admitted = project.Admits(member);
            if (!admitted.Allowed)
            {
                return Fail(FailureCodes.NotPermitted, admitted.Reason,
                    "Ask an admin to add you to the project, or send without it.", steps);
            }

            steps.Add(admitted.Reason);
        }

        if (context.Actor is { IsAdmin: false } actor && sender.Kind == SenderKind.User && sender.Id != actor.UserId)
        {
            return Fail(FailureCodes.NotPermitted, $"You may not send as {sender.Address}.", "Send as yourself or as a channel open to you.", steps);
        }

        if (context.Actor is { IsAdmin: false } agent && sender.Kind == SenderKind.Channel)
        {
            var access = (sender.Senders ?? AccessRule.Open).Decide(
                agent.UserId, agent.Name, sender.Address, ChannelUse.Sender);
            if (!access.Allowed)
            {
                return Fail(FailureCodes.NotPermitted, access.Reason,
                    "Ask an admin to give you this channel (on its page, under who may send as it), or choose another sender.", steps);
            }

            steps.Add(access.Reason);
        }

        if (context.Project is { } inProject && sender.Kind == SenderKind.Channel)
        {
            var offered = inProject.Offers(sender.Address, sender.ProjectLimits ?? []);
            if (!offered.Allowed)
            {
                return Fail(FailureCodes.NotPermitted, offered.Reason,
                    "Send as a channel of the project, or without the project.", steps);
            }

            steps.Add(offered.Reason);
        }

        return null;
    }

    /// <summary>The channel asked for as Reply-To replaces the one the route implies,
    /// once the actor may use it here.</summary>
    private static Resolution WithReplyTo(SendPlan plan, ReplyToChannel replyTo,
        SendContext context, List<string> steps)
    {
        if (ReplyToRefusal(replyTo, context, steps) is { } refused)
        {
            return refused;
        }

        steps.Add($"Replies go to {replyTo.Address}, the Reply-To asked for.");
        return Plan(plan.Server, plan.Credentials, plan.Login, plan.From, replyTo.Address, steps);
    }

    /// <summary>
    /// Whether the actor may name the channel as Reply-To in the context's project: null when they may (the reasons are
    /// added to <paramref name="steps"/>), else the refusal naming the rule.
    /// </summary>
    public static Resolution? ReplyToRefusal(ReplyToChannel replyTo, SendContext context, List<string> steps)
    {
        if (context.Actor is { IsAdmin: false } actor)
        {
            var allowed = replyTo.Rule.Decide(actor.UserId, actor.Name, replyTo.Address, ChannelUse.ReplyTo);
            if (!allowed.Allowed)
            {
                return Fail(FailureCodes.NotPermitted, allowed.Reason,
                    "Ask an admin to give you this channel for Reply-To (on its page), or choose another Reply-To.",
                    steps);
            }

            steps.Add(allowed.Reason);
        }

        if (context.Project is { } project)
        {
            var offered = project.Offers(replyTo.Address, replyTo.ProjectLimits);
            if (!offered.Allowed)
            {
                return Fail(FailureCodes.NotPermitted, offered.Reason,
                    "Choose a Reply-To channel of the project.", steps);
            }

            steps.Add(offered.Reason);
        }

        return null;
    }

    private Resolution Routed(RoutingSender sender, IReadOnlyCollection<RoutingServer> servers, List<string> steps)
    {
        if (sender.Kind == SenderKind.Channel && !sender.IsActive)
        {
            return Fail(FailureCodes.ChannelInactive, $"The channel {sender.Address} is inactive.",
                "Activate the channel on its page, or send from another channel.", steps);
        }

        var server = sender.ServerId is { } chosen ? servers.FirstOrDefault(s => s.Id == chosen) : servers.FirstOrDefault(s => s.IsDefault);
        if (server is null)
        {
            return Fail(FailureCodes.ServerMissing, sender.ServerId is null
                    ? "No default SMTP server is configured."
                    : $"The SMTP server chosen for {sender.Address} no longer exists.",
                "Choose an existing server (or Default) for this sender.", steps);
        }

        steps.Add(sender.ServerId is null
            ? $"{sender.Describe()} follows the default server, {server.Name} ({server.Where})."
            : $"{sender.Describe()} uses the server chosen for it, {server.Name} ({server.Where}).");

        if (server.UsesAppPermission)
        {
            return WithAppPermission(sender, server, steps);
        }

        if (server.Kind == ServerKind.Custom && sender.OverrideCredentials)
        {
            return UseOwnLogin(sender, server, steps);
        }

        if (sender.OverrideCredentials)
        {
            steps.Add("Its own login is ignored: the Internal server always signs in with its own account.");
        }

        if (server.NeedsPassword && !server.CanSignIn)
        {
            return server.UsesOAuth
                ? Fail(FailureCodes.NotConnected, $"The mailbox {server.Username} of the server {server.Name} is not connected (OAuth2).",
                    $"An admin must connect it on the server page of {server.Name} (Connect mailbox).", steps)
                : Fail(FailureCodes.MissingPassword, $"The server {server.Name} has no password configured for {server.Username}.",
                    $"An admin must enter the password on the server page of {server.Name}.", steps);
        }

        var login = server.NeedsPassword ? server.Username : null;
        steps.Add(login is null ? $"{server.Name} takes mail without signing in."
            : $"It signs in with the server's account {login}{(server.UsesOAuth ? " with OAuth2" : "")}.");
        if (server.Kind == ServerKind.Custom && SendAsRules.Allows(server.SenderAddress, server.SendAs, sender.Address))
        {
            steps.Add($"{sender.Address} is the server account's own address or in its Send-as list, so it stays the From address.");
            return Plan(server, CredentialSource.Server, login, new Mailbox(sender.DisplayName, sender.Address), null, steps);
        }

        var name = nameFormat.Format(sender.DisplayName);
        steps.Add(server.Kind == ServerKind.Internal
            ? $"The Internal server sends as its own address, so From is {name} <{server.SenderAddress}> and replies go to {sender.Address}."
            : $"The server account may not send as {sender.Address}, so From is its own address {server.SenderAddress} with the name {name}, and replies go to {sender.Address}.");
        return Plan(server, CredentialSource.Server, login, new Mailbox(name, server.SenderAddress), sender.Address, steps);
    }

    /// <summary>
    /// The app acts as a mailbox itself, so the mailbox is the From address wherever the server allows it: no login of
    /// the sender's own is needed, and the invariant holds by construction.
    /// </summary>
    private Resolution WithAppPermission(RoutingSender sender, RoutingServer server, List<string> steps)
    {
        if (sender.OverrideCredentials)
        {
            steps.Add("Its own login is not needed: the server's OAuth app sends as each mailbox with its own "
                + "permission.");
        }

        if (SendAsRules.Allows(server.SenderAddress, server.SendAs, sender.Address))
        {
            steps.Add($"The OAuth app of {server.Name} sends with its own permission as the mailbox {sender.Address} "
                + $"itself (it is the server's address or in its Send-as list), so it stays the From address.");
            return Plan(server, CredentialSource.Server, sender.Address, new Mailbox(sender.DisplayName,
                sender.Address), null, steps);
        }

        var name = nameFormat.Format(sender.DisplayName);
        steps.Add($"The OAuth app of {server.Name} may not send as {sender.Address} (it is neither the server's "
            + $"address nor in its Send-as list), so it sends as the mailbox {server.SenderAddress} with the name "
            + $"{name}, and replies go to {sender.Address}.");
        return Plan(server, CredentialSource.Server, server.SenderAddress, new Mailbox(name, server.SenderAddress),
            sender.Address, steps);
    }

    /// <summary>
    /// Where a message goes when <paramref name="refused"/> refused the way it signs in for good and names
    /// <paramref name="fallback"/>, as <see cref="Keeping"/> decides.
    /// </summary>
    public static Resolution OnFallback(RoutingServer refused, RoutingServer fallback, CredentialSource credentials,
        string? login, string from) => Keeping(fallback, credentials, login, from,
        $"{refused.Name} refused the way it signs in, and names {fallback.Name} ({fallback.Where}) as its fallback.");

    /// <summary>
    /// Where a message already built goes on <paramref name="target"/> (a server's fallback, or the server its sender
    /// moved to): its From stays, and an account of that server that may send as it signs in (the sender's own login,
    /// the app's permission as that mailbox, or the server's account). Otherwise the refusal says why that server
    /// cannot carry it.
    /// </summary>
    /// <param name="why">The first step: why the message goes to that server.</param>
    public static Resolution Keeping(RoutingServer target, CredentialSource credentials, string? login, string from,
        string why)
    {
        var steps = new List<string> { why };
        if (target.UsesAppPermission)
        {
            return SendAsRules.Allows(target.SenderAddress, target.SendAs, from)
                ? Moved(target, CredentialSource.Server, from, from,
                    $"The OAuth app of {target.Name} sends with its own permission as {from} itself.", steps)
                : NotMoved(target, from, steps);
        }

        if (credentials == CredentialSource.Sender)
        {
            return target is { Kind: ServerKind.Custom, NeedsPassword: true }
                ? Moved(target, CredentialSource.Sender, login, from,
                    $"It signs in there with the sender's own login {login}.", steps)
                : Fail(FailureCodes.NotPermitted, $"{target.Name} does not sign in with the sender's own login "
                    + $"{login}, so it cannot carry this message.", "Choose a server that signs in with logins of "
                    + "its own (an SMTP, Graph or Gmail API server with a sign-in).", steps);
        }

        if (target.NeedsPassword && !target.CanSignIn)
        {
            return Fail(FailureCodes.NotConnected, $"The account of {target.Name} cannot sign in (no "
                + "password, or no connected mailbox).", $"An admin must complete the sign-in on the server page of "
                + $"{target.Name}.", steps);
        }

        var account = target.NeedsPassword ? target.Username : null;
        return target.Kind == ServerKind.Custom && SendAsRules.Allows(target.SenderAddress, target.SendAs, from)
            ? Moved(target, CredentialSource.Server, account, from, account is null
                ? $"It takes mail without signing in, and may send as {from}."
                : $"It signs in there with the server's account {account}, which may send as {from}.", steps)
            : NotMoved(target, from, steps);
    }

    private static Resolution Moved(RoutingServer target, CredentialSource credentials, string? login, string from,
        string how, List<string> steps)
    {
        steps.Add(how);
        return Plan(target, credentials, login, new Mailbox("", from), null, steps);
    }

    private static Resolution NotMoved(RoutingServer target, string from, List<string> steps) =>
        Fail(FailureCodes.NotPermitted, $"{target.Name} may not send as {from}, the From the message "
            + "already carries.", $"Add {from} to the Send-as list of {target.Name} (with the right at the "
            + "provider), or choose another server.", steps);

    private static Resolution UseOwnLogin(RoutingSender sender, RoutingServer server, List<string> steps)
    {
        if (server.UsesOAuth && !sender.IsConnected)
        {
            return sender.Kind == SenderKind.User
                ? Fail(FailureCodes.NotConnected, $"Your mailbox {sender.Login} is not connected (the server {server.Name} signs in with OAuth2).",
                    "Connect it on your Profile page (Connect mailbox).", steps)
                : Fail(FailureCodes.NotConnected, $"The channel login {sender.Login} is not connected (the server {server.Name} signs in with OAuth2).",
                    "An admin must connect it on the channel's page (Connect mailbox).", steps);
        }

        if (!server.UsesOAuth && !sender.HasPassword)
        {
            return sender.Kind == SenderKind.User
                ? Fail(FailureCodes.MissingPassword, $"No email password is configured for {sender.Login}.",
                    "Set it on your Profile page.", steps)
                : Fail(FailureCodes.MissingPassword, $"No email password is configured for the channel login {sender.Login}.",
                    "An admin must enter it on the channel's page (Override server configuration).", steps);
        }

        steps.Add($"It overrides the server's login and signs in as {sender.Login}{(server.UsesOAuth ? " with OAuth2" : "")}.");
        steps.Add($"From is its own address, {sender.DisplayName} <{sender.Address}>.");
        return Plan(server, CredentialSource.Sender, sender.Login, new Mailbox(sender.DisplayName, sender.Address), null, steps);
    }

    private static Resolution Plan(RoutingServer server, CredentialSource credentials, string? login, Mailbox from, string? replyTo, List<string> steps) =>
        new(new SendPlan(server, credentials, login, from, replyTo, steps), null);

    private static Resolution Fail(string code, string message, string fix, List<string> steps)
    {
        steps.Add(message);
        return new Resolution(null, new ResolutionFailure(code, message, fix, steps));
    }
}
