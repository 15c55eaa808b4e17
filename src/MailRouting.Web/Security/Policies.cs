using MailRouting.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace MailRouting.Web.Security;

public static class Policies
{
    public const string Admin = "Admin";
    public const string ServerReader = "ServerReader";
    public const string Api = "Api";
    public const string Sender = "Sender";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(ServerReader, p => p.RequireRole(Roles.Admin, Roles.Support));
        options.AddPolicy(Sender, p => p.RequireRole(Roles.Admin, Roles.Agent));
        // The API takes bearer tokens only, so a browser's cookie can never be used for cross-site API calls.
        options.AddPolicy(Api, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser().AddRequirements(new Account.CurrentSession()));
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
