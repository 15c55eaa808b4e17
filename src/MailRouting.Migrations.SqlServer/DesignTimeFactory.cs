using MailRouting.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MailRouting.Migrations.SqlServer;

/// <summary>Lets `dotnet ef migrations add` build the model for SQL Server; no server is contacted.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MailRoutingDbContext>
{
    public MailRoutingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MailRoutingDbContext>();
        options.UseMailRoutingDatabase(new DatabaseOptions(DatabaseProvider.SqlServer, "Server=(design-time);Database=MailRouting"));
        return new MailRoutingDbContext(options.Options);
    }
}
