using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MailRouting.Migrations.PostgreSql.Migrations
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
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Target = table.Column<string>(type: "character varying(700)", maxLength: 700, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Succeeded = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProfileSignIns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SpentConnectStates",
                columns: table => new
                {
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Owner = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
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
