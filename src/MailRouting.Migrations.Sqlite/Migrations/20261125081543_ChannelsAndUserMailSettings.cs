using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MailRouting.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ChannelsAndUserMailSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "OverrideCredentials",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ProtectedSmtpPassword",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ServerId",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SmtpUsername",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EmailChannels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    ServerId = table.Column<int>(type: "INTEGER", nullable: true),
                    OverrideCredentials = table.Column<bool>(type: "INTEGER", nullable: false),
                    Username = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    ProtectedPassword = table.Column<string>(type: "TEXT", nullable: true),
                    Incoming_Protocol = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Incoming_Host = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    Incoming_Port = table.Column<int>(type: "INTEGER", nullable: true),
                    Incoming_Security = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Incoming_Username = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Incoming_ProtectedPassword = table.Column<string>(type: "TEXT", nullable: true),
                    UsableAsSender = table.Column<bool>(type: "INTEGER", nullable: false),
                    UsableAsReplyTo = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmailChannels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EmailChannels_SmtpServers_ServerId",
                        column: x => x.ServerId,
                        principalTable: "SmtpServers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_ServerId",
                table: "AspNetUsers",
                column: "ServerId");

            migrationBuilder.CreateIndex(
                name: "IX_EmailChannels_Address",
                table: "EmailChannels",
                column: "Address",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EmailChannels_Name",
                table: "EmailChannels",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_EmailChannels_ServerId",
                table: "EmailChannels",
                column: "ServerId");

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_SmtpServers_ServerId",
                table: "AspNetUsers",
                column: "ServerId",
                principalTable: "SmtpServers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_SmtpServers_ServerId",
                table: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "EmailChannels");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_ServerId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "OverrideCredentials",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ProtectedSmtpPassword",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ServerId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "SmtpUsername",
                table: "AspNetUsers");
        }
    }
}
