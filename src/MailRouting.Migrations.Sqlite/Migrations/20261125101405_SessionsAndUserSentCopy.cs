using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MailRouting.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SessionsAndUserSentCopy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MaxConcurrentSessions",
                table: "SmtpServers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Attempts",
                table: "Outbox",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CopyToSentFolder",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Incoming_Host",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 253,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Incoming_Port",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Incoming_ProtectedPassword",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Incoming_Protocol",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<string>(
                name: "Incoming_Security",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "SslOnConnect");

            migrationBuilder.AddColumn<string>(
                name: "Incoming_Username",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_CreatedAt",
                table: "Outbox",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_CreatedAt",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "MaxConcurrentSessions",
                table: "SmtpServers");

            migrationBuilder.DropColumn(
                name: "CopyToSentFolder",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Incoming_Host",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Incoming_Port",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Incoming_ProtectedPassword",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Incoming_Protocol",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Incoming_Security",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Incoming_Username",
                table: "AspNetUsers");

            migrationBuilder.AlterColumn<string>(
                name: "Attempts",
                table: "Outbox",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");
        }
    }
}
