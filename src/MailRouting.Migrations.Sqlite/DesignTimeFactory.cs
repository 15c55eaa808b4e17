using MailRouting.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MailRouting.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for SQLite without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MailRoutingDbContext>
{
    public MailRoutingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MailRoutingDbContext>();
        options.UseMailRoutingDatabase(new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
        return new MailRoutingDbContext(options.Options);
    }
}
