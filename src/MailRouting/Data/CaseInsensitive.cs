using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MailRouting.Data;

/// <summary>
/// Names and addresses that must be unique regardless of letter case. SQLite compares case-sensitively unless a column says
/// NOCASE (which folds ASCII letters), PostgreSQL unless the column is citext; SQL Server's default collations are
/// case-insensitive already.
/// </summary>
internal static class CaseInsensitive
{
    public static PropertyBuilder<string> IgnoringCase(this PropertyBuilder<string> property, string? providerName) => providerName switch
    {
        ProviderSql.Sqlite => property.UseCollation("NOCASE"),
        ProviderSql.PostgreSql => property.HasColumnType("citext"),
        _ => property,
    };
}
