using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MailRouting.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ProfileSignInsAndConnectStates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProfileSignIns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Target = table.Column<string>(type: "nvarchar(700)", maxLength: 700, nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Succeeded = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProfileSignIns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SpentConnectStates",
                columns: table => new
                {
                    Hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Owner = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    OwnerId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpentConnectStates", x => x.Hash);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProfileSignIns_At",
                table: "ProfileSignIns",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ProfileSignIns_Target_At",
                table: "ProfileSignIns",
                columns: new[] { "Target", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ProfileSignIns_UserId_At",
                table: "ProfileSignIns",
                columns: new[] { "UserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_SpentConnectStates_ExpiresAt",
                table: "SpentConnectStates",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProfileSignIns");

            migrationBuilder.DropTable(
                name: "SpentConnectStates");
        }
    }
}
