using MailRouting.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MailRouting.Migrations.PostgreSql;

/// <summary>Lets `dotnet ef migrations add` build the model for PostgreSQL without starting the web app or a database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MailRoutingDbContext>
{
    public MailRoutingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MailRoutingDbContext>();
        options.UseMailRoutingDatabase(new DatabaseOptions(DatabaseProvider.PostgreSql, "Host=localhost;Database=mailrouting_design"));
        return new MailRoutingDbContext(options.Options);
    }
}
