using CsCheck;
using MailRouting.Channels;
using MailRouting.Data;
using MailRouting.Groups;
using MailRouting.Outbox.Intake;
using MailRouting.Resolution;
using MailRouting.Secrets;
using MailRouting.Servers;
using MailRouting.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Tests.Resolution;

/// <summary>
/// Random users, groups, channels and projects with random rights, stored in SQLite and read through the real loaders: an
/// agent is offered and allowed exactly the channels some rule grants them, in a project only those it offers (checked
/// against a model written here from the rules' wording, not from the code), and every decision's sentence names the rule
/// that decided.
/// </summary>
public sealed class ChannelRightsPropertyTests : IDisposable
{
    private const int Users = 6;
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private static readonly SecretProtector Secrets = new(new EphemeralDataProtectionProvider());
    private readonly SenderResolver resolver = new(new SenderNameFormat(SenderNameFormat.Default, ""));

    public ChannelRightsPropertyTests()
    {
        connection.Open();
        using var db = Database();
        db.Database.EnsureCreated();
    }

    public void Dispose() => connection.Dispose();

    private MailRoutingDbContext Database() => new(new DbContextOptionsBuilder<MailRoutingDbContext>().UseSqlite(connection).Options);

    /// <summary>One use of one channel: open to every agent, or the chosen users and groups.</summary>
    public sealed record UseRights(bool Everyone, int[] ChosenUsers, int[] ChosenGroups);

    /// <param name="Projects">The projects (0 or 1) the channel is limited to; none: every project.</param>
    public sealed record ChannelRights(UseRights Sender, UseRights ReplyTo, int[] Projects);

    /// <summary>A project's members: users and groups.</summary>
    public sealed record ProjectMembers(int[] Users, int[] Groups);

    public sealed record World(int[][] GroupMembers, ChannelRights[] Channels, ProjectMembers[] Projects)
    {
        public static string ProjectName(int project) => $"Brand {project}";

        /// <summary>The model: a project takes a channel limited to no project or to it, and a member directly or through a group.</summary>
        public static bool Offers(ChannelRights channel, int project) => channel.Projects.Length == 0 || channel.Projects.Contains(project);

        public static bool IsMember(World world, int project, int user) =>
            world.Projects[project].Users.Contains(user) || world.Projects[project].Groups.Any(g => world.GroupMembers[g].Contains(user));

        public static string UserId(int user) => $"user-{user}";

        public static string GroupName(int group) => $"Group {(char)('A' + group)}";

        /// <summary>The model: the rules that grant the user this use, in the words a person would check them.</summary>
        public static (bool Everyone, bool ByName, List<string> Groups) Grants(World world, UseRights rights, int user) =>
            (rights.Everyone, rights.ChosenUsers.Contains(user),
             [.. rights.ChosenGroups.Where(g => world.GroupMembers[g].Contains(user)).Select(GroupName).Order()]);
    }

    private static readonly Gen<UseRights> Rights = Gen.Select(Gen.Bool, Gen.Int[0, Users - 1].Array[0, 3], Gen.Int[0, 3].Array[0, 3])
        .Select((everyone, users, groups) => new UseRights(everyone, [.. users.Distinct()], [.. groups.Distinct()]));

    private static readonly Gen<int[]> ProjectLimits = Gen.Int[0, 1].Array[0, 2].Select(p => p.Distinct().ToArray());

    private static readonly Gen<ProjectMembers> Members = Gen.Select(Gen.Int[0, Users - 1].Array[0, 3], Gen.Int[0, 3].Array[0, 2])
        .Select((users, groups) => new ProjectMembers([.. users.Distinct()], [.. groups.Distinct()]));

    private static readonly Gen<World> Worlds = Gen.Select(Gen.Int[0, Users - 1].Array[0, 4].Array[4],
            Gen.Select(Rights, Rights, ProjectLimits, (s, r, p) => new ChannelRights(s, r, p)).Array[1, 5], Members.Array[2])
        .Select((members, channels, projects) => new World([.. members.Select(m => m.Distinct().ToArray())], channels, projects));

    [Fact]
    public void AnAgent_IsOfferedAndAllowedExactlyTheChannelsARuleGrants_AndTheSentenceNamesThatRule() =>
        Worlds.Sample(world =>
        {
            using var db = Database();
            var (channelIds, projectIds) = Store(db, world);
            var contexts = new Projects.ProjectContexts(db);
            var choices = new SenderChoices(db, resolver, new ChannelAccessRules(db), contexts);
            for (var user = 0; user < Users; user++)
            {
                var actor = new Actor(World.UserId(user), IsAdmin: false, Name: $"Agent {user}");
                var offered = choices.ForAsync(actor, CancellationToken.None).GetAwaiter().GetResult()
                    .Where(c => c.Ref.ChannelId is not null).ToDictionary(c => c.Ref.ChannelId!.Value);
                var replyTos = choices.ReplyTosAsync(actor, CancellationToken.None).GetAwaiter().GetResult().Select(r => r.ChannelId).ToHashSet();
                for (var c = 0; c < world.Channels.Length; c++)
                {
                    var (everyone, byName, groups) = World.Grants(world, world.Channels[c].Sender, user);
                    var granted = everyone || byName || groups.Count > 0;
                    Assert.Equal(granted, offered.ContainsKey(channelIds[c]));
                    var (replyEveryone, replyByName, replyGroups) = World.Grants(world, world.Channels[c].ReplyTo, user);
                    Assert.Equal(replyEveryone || replyByName || replyGroups.Count > 0, replyTos.Contains(channelIds[c]));

                    var rule = new ChannelAccessRules(db).ForAsync(db.EmailChannels.AsNoTracking().Single(x => x.Id == channelIds[c]), ChannelUse.Sender, CancellationToken.None)
                        .GetAwaiter().GetResult();
                    var decision = rule.Decide(actor.UserId, actor.Name, $"c{c}@acme.test", ChannelUse.Sender);
                    Assert.Equal(granted, decision.Allowed);
                    if (everyone)
                    {
                        Assert.Contains("open to every agent", decision.Reason);
                    }
                    else if (byName)
                    {
                        Assert.Contains("chosen by name", decision.Reason);
                    }
                    else if (granted)
                    {
                        Assert.EndsWith($"through the group {groups[0]}.", decision.Reason);
                    }
                    else
                    {
                        Assert.StartsWith($"Agent {user} may not send as", decision.Reason);
                        Assert.All(world.Channels[c].Sender.ChosenGroups.Select(World.GroupName), name => Assert.Contains(name, decision.Reason));
                    }

                    if (offered.TryGetValue(channelIds[c], out var choice))
                    {
                        Assert.Contains(decision.Reason, choice.Resolution.Plan?.Steps ?? choice.Resolution.Failure!.Steps);
                    }
                }

                for (var p = 0; p < world.Projects.Length; p++)
                {
                    var project = contexts.ForAsync(projectIds[p], actor.UserId, CancellationToken.None).GetAwaiter().GetResult()!;
                    Assert.Equal(World.IsMember(world, p, user), project.Admits(actor).Allowed);
                    var inProject = choices.ForAsync(actor, CancellationToken.None, project).GetAwaiter().GetResult()
                        .Where(x => x.Ref.ChannelId is not null).Select(x => x.Ref.ChannelId!.Value).ToHashSet();
                    for (var c = 0; c < world.Channels.Length; c++)
                    {
                        var (everyone, byName, groups) = World.Grants(world, world.Channels[c].Sender, user);
                        Assert.Equal(World.IsMember(world, p, user) && (everyone || byName || groups.Count > 0)
                            && World.Offers(world.Channels[c], p), inProject.Contains(channelIds[c]));
                    }
                }
            }
        }, iter: 60, threads: 1);

    /// <summary>
    /// Every right of a send in one decision: the project's membership, the sender channel's rule and the project's
    /// channels, the Reply-To channel's rule and the project's channels again. The resolver, fed through the real
    /// loaders, allows exactly what the model allows, and a refusal names the first rule that fails, in that order.
    /// </summary>
    [Fact]
    public void TheResolver_DecidesProjectAndReplyToRights_AsTheModelDoes_AndNamesTheRuleThatRefused() =>
        Worlds.Sample(world =>
        {
            using var db = Database();
            var (channelIds, projectIds) = Store(db, world);
            var contexts = new SendContexts(db, new ChannelAccessRules(db), new Projects.ProjectContexts(db));
            var resolution = new SenderResolution(db, resolver, PasswordSignIns.For(db, Secrets),
                new RoutingCache(TimeProvider.System, TimeSpan.Zero), new ChannelAccessRules(db),
                new Projects.ProjectContexts(db));
            var none = CancellationToken.None;
            for (var user = 0; user < Users; user++)
            {
                var actor = new Actor(World.UserId(user), IsAdmin: false, Name: $"Agent {user}");
                for (var p = 0; p < world.Projects.Length; p++)
                {
                    var project = contexts.ProjectAsync(projectIds[p], actor, none).GetAwaiter().GetResult()!;
                    var inThisProject = $"in the project {World.ProjectName(p)}";
                    for (var c = 0; c < world.Channels.Length; c++)
                    {
                        var r = (c + 1) % world.Channels.Length;
                        var replyTo = contexts.ReplyToAsync(channelIds[r], none).GetAwaiter().GetResult()!;
                        var context = new SendContext(actor, project, replyTo);
                        var resolved = resolution.ForChannelAsync(channelIds[c], none, context)
                            .GetAwaiter().GetResult()!.Resolution;

                        var (everyone, byName, groups) = World.Grants(world, world.Channels[c].Sender, user);
                        var (replyEveryone, replyByName, replyGroups) =
                            World.Grants(world, world.Channels[r].ReplyTo, user);
                        var refusedBy = new (bool Holds, string Words)[]
                        {
                            (World.IsMember(world, p, user), $"is not a member of the project {World.ProjectName(p)}"),
                            (everyone || byName || groups.Count > 0, $"may not send as c{c}@acme.test"),
                            (World.Offers(world.Channels[c], p), $"c{c}@acme.test is not available {inThisProject}"),
                            (replyEveryone || replyByName || replyGroups.Count > 0,
                                $"may not use c{r}@acme.test as Reply-To"),
                            (World.Offers(world.Channels[r], p), $"c{r}@acme.test is not available {inThisProject}"),
                        }.FirstOrDefault(rule => !rule.Holds).Words;

                        Assert.Equal(refusedBy is null, resolved.Ok);
                        if (refusedBy is null)
                        {
                            Assert.Equal($"c{r}@acme.test", resolved.Plan!.ReplyTo);
                        }
                        else
                        {
                            Assert.Equal(FailureCodes.NotPermitted, resolved.Failure!.Code);
                            Assert.Contains(refusedBy, resolved.Failure.Message, StringComparison.Ordinal);
                        }
                    }
                }
            }
        }, iter: 40, threads: 1);

    [Fact]
    public void TheResolver_RefusesAChannelNoRuleGrants_WithTheRulesSentence_AndAdminsAlwaysMay() =>
        Gen.Select(Worlds, Gen.Int[0, Users - 1]).Sample((world, user) =>
        {
            var channel = world.Channels[0].Sender;
            var rule = new AccessRule(channel.Everyone, channel.ChosenUsers.Select(World.UserId).ToHashSet(),
                [.. channel.ChosenGroups.Select(g => new GroupAccess(World.GroupName(g), world.GroupMembers[g].Select(World.UserId).ToHashSet()))]);
            var sender = new RoutingSender(SenderKind.Channel, "1", "sales@acme.test", "Sales", true, null, false, null, false, rule);
            var servers = new[] { new RoutingServer(1, "Internal", ServerKind.Internal, "localhost", 25, SmtpAuthMethod.None, null, false, "relay@acme.test", [], true) };
            var (everyone, byName, groups) = World.Grants(world, channel, user);

            var agent = new Actor(World.UserId(user), IsAdmin: false, Name: "Agent");
            var asAgent = resolver.Resolve(sender, servers, new SendContext(agent));
            var asAdmin = resolver.Resolve(sender, servers, new SendContext(new Actor("admin", IsAdmin: true)));

            Assert.Equal(everyone || byName || groups.Count > 0, asAgent.Ok);
            Assert.Equal(!asAgent.Ok, asAgent.Failure?.Code == FailureCodes.NotPermitted);
            Assert.True(asAdmin.Ok);
        }, iter: 500);

    /// <summary>Replaces the database's users, groups, projects and channels with the world; returns the channels' and projects' ids in order.</summary>
    private static (List<int> Channels, List<int> Projects) Store(MailRoutingDbContext db, World world)
    {
        db.ChannelProjects.ExecuteDelete();
        db.ProjectMembers.ExecuteDelete();
        db.Projects.ExecuteDelete();
        db.ChannelGrantees.ExecuteDelete();
        db.EmailChannels.ExecuteDelete();
        db.UserGroups.ExecuteDelete();
        db.Users.ExecuteDelete();
        db.SmtpServers.ExecuteDelete();
        db.SmtpServers.Add(new SmtpServer { Name = "Internal", Host = "localhost", SenderAddress = "relay@acme.test", Kind = ServerKind.Internal, IsDefault = true });
        for (var u = 0; u < Users; u++)
        {
            db.Users.Add(new AppUser { Id = World.UserId(u), Email = $"agent{u}@acme.test", UserName = $"agent{u}@acme.test", DisplayName = $"Agent {u}" });
        }

        var groups = world.GroupMembers.Select((members, g) => new UserGroup
        {
            Name = World.GroupName(g), Members = [.. members.Select(m => new UserGroupMember { UserId = World.UserId(m) })],
        }).ToList();
        db.UserGroups.AddRange(groups);
        db.SaveChanges();
        var projects = world.Projects.Select((members, p) => new Projects.Project
        {
            Name = World.ProjectName(p),
            Members = [.. members.Users.Select(u => new Projects.ProjectMember { UserId = World.UserId(u) }),
                .. members.Groups.Select(g => new Projects.ProjectMember { GroupId = groups[g].Id })],
        }).ToList();
        db.Projects.AddRange(projects);
        db.SaveChanges();
        var channels = world.Channels.Select((rights, c) => new EmailChannel
        {
            Name = $"Channel {c}", Address = $"c{c}@acme.test", UsableAsSender = rights.Sender.Everyone, UsableAsReplyTo = rights.ReplyTo.Everyone,
            Grantees = [.. Grantees(rights.Sender, ChannelUse.Sender, groups), .. Grantees(rights.ReplyTo, ChannelUse.ReplyTo, groups)],
            ProjectLinks = [.. rights.Projects.Select(p => new Projects.ChannelProject { ProjectId = projects[p].Id })],
        }).ToList();
        db.EmailChannels.AddRange(channels);
        db.SaveChanges();
        db.ChangeTracker.Clear();
        return ([.. channels.Select(c => c.Id)], [.. projects.Select(p => p.Id)]);
    }

    private static IEnumerable<ChannelGrantee> Grantees(UseRights rights, ChannelUse use, List<UserGroup> groups) => rights.Everyone ? [] :
    [
        .. rights.ChosenUsers.Select(u => new ChannelGrantee { Use = use, UserId = World.UserId(u) }),
        .. rights.ChosenGroups.Select(g => new ChannelGrantee { Use = use, GroupId = groups[g].Id }),
    ];
}
