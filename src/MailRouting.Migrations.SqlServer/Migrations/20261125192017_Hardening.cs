using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MailRouting.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Hardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SpentRefreshTokens",
                columns: table => new
                {
                    Hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpentRefreshTokens", x => x.Hash);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SpentRefreshTokens_ExpiresAt",
                table: "SpentRefreshTokens",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SpentRefreshTokens");
        }
    }
}
