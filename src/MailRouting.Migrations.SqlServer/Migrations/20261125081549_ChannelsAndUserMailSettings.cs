using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MailRouting.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ChannelsAndUserMailSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "DisplayName",
                table: "AspNetUsers",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(max)");

            migrationBuilder.AddColumn<bool>(
                name: "OverrideCredentials",
                table: "AspNetUsers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ProtectedSmtpPassword",
                table: "AspNetUsers",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ServerId",
                table: "AspNetUsers",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SmtpUsername",
                table: "AspNetUsers",
                type: "nvarchar(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EmailChannels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Address = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: false),
                    DisplayName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    IsActive = table.Column<bool>(type: "bit", nullable: false),
                    ServerId = table.Column<int>(type: "int", nullable: true),
                    OverrideCredentials = table.Column<bool>(type: "bit", nullable: false),
                    Username = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: true),
                    ProtectedPassword = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Incoming_Protocol = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    Incoming_Host = table.Column<string>(type: "nvarchar(253)", maxLength: 253, nullable: true),
                    Incoming_Port = table.Column<int>(type: "int", nullable: true),
                    Incoming_Security = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Incoming_Username = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: true),
                    Incoming_ProtectedPassword = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    UsableAsSender = table.Column<bool>(type: "bit", nullable: false),
                    UsableAsReplyTo = table.Column<bool>(type: "bit", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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

            migrationBuilder.AlterColumn<string>(
                name: "DisplayName",
                table: "AspNetUsers",
                type: "nvarchar(max)",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);
        }
    }
}
