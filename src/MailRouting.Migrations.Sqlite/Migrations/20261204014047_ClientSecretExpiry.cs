using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MailRouting.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ClientSecretExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ClientSecretExpiresOn",
                table: "OAuthApps",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClientSecretExpiresOn",
                table: "OAuthApps");
        }
    }
}
