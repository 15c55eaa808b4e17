using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MailRouting.Migrations.SqlServer.Migrations
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
                type: "int",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Attempts",
                table: "Outbox",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]",
                oldClrType: typeof(string),
                oldType: "nvarchar(max)",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "CopyToSentFolder",
                table: "EmailChannels",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(max)",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CopyToSentFolder",
                table: "AspNetUsers",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Incoming_Host",
                table: "AspNetUsers",
                type: "nvarchar(253)",
                maxLength: 253,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Incoming_Port",
                table: "AspNetUsers",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Incoming_ProtectedPassword",
                table: "AspNetUsers",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Incoming_Protocol",
                table: "AspNetUsers",
                type: "nvarchar(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<string>(
                name: "Incoming_Security",
                table: "AspNetUsers",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "SslOnConnect");

            migrationBuilder.AddColumn<string>(
                name: "Incoming_Username",
                table: "AspNetUsers",
                type: "nvarchar(320)",
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
                type: "nvarchar(max)",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(max)");

            migrationBuilder.AlterColumn<string>(
                name: "CopyToSentFolder",
                table: "EmailChannels",
                type: "nvarchar(max)",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldNullable: true);
        }
    }
}
