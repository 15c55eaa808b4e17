using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MailRouting.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ServerFallback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FallbackServerId",
                table: "SmtpServers",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FallbackFromServerId",
                table: "Outbox",
                type: "int",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FallbackServerId",
                table: "SmtpServers");

            migrationBuilder.DropColumn(
                name: "FallbackFromServerId",
                table: "Outbox");
        }
    }
}
