using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MailRouting.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ConnectionLifetime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ConnectionLifetimeDays",
                table: "OAuthApps",
                type: "int",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConnectionLifetimeDays",
                table: "OAuthApps");
        }
    }
}
