namespace MailRouting.Data;

/// <summary>The few pieces of SQL the model spells per provider: index filters name columns and booleans differently.</summary>
internal static class ProviderSql
{
    public const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";
    public const string SqlServer = "Microsoft.EntityFrameworkCore.SqlServer";
    public const string PostgreSql = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static string Column(string? providerName, string column) => providerName == SqlServer ? $"[{column}]" : $"\"{column}\"";

    public static string True(string? providerName) => providerName == PostgreSql ? "true" : "1";
}
