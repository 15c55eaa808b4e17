using Microsoft.EntityFrameworkCore;

namespace MailRouting.TestAuthServer;

/// <summary>Holds OpenIddict's applications, authorizations and tokens, so codes and refresh tokens are really redeemed and revoked.</summary>
public sealed class AuthServerDbContext(DbContextOptions<AuthServerDbContext> options) : DbContext(options);
