using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MailRouting.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OAuth2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OAuthAppId",
                table: "SmtpServers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OAuthApps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, collation: "NOCASE"),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Tenant = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProtectedClientSecret = table.Column<string>(type: "TEXT", nullable: true),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AuthorizationEndpoint = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    TokenEndpoint = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Scopes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OAuthApps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OAuthGrants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AppId = table.Column<int>(type: "INTEGER", nullable: false),
                    Account = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    ProtectedRefreshToken = table.Column<string>(type: "TEXT", nullable: false),
                    ProtectedAccessToken = table.Column<string>(type: "TEXT", nullable: true),
                    AccessTokenExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ConnectedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RefreshedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RefreshLeaseOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RefreshLeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OAuthGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OAuthGrants_OAuthApps_AppId",
                        column: x => x.AppId,
                        principalTable: "OAuthApps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SmtpServers_OAuthAppId",
                table: "SmtpServers",
                column: "OAuthAppId");

            migrationBuilder.CreateIndex(
                name: "IX_OAuthApps_Name",
                table: "OAuthApps",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OAuthGrants_AppId",
                table: "OAuthGrants",
                column: "AppId");

            migrationBuilder.CreateIndex(
                name: "IX_OAuthGrants_Owner_OwnerId",
                table: "OAuthGrants",
                columns: new[] { "Owner", "OwnerId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_SmtpServers_OAuthApps_OAuthAppId",
                table: "SmtpServers",
                column: "OAuthAppId",
                principalTable: "OAuthApps",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_SmtpServers_OAuthApps_OAuthAppId",
                table: "SmtpServers");

            migrationBuilder.DropTable(
                name: "OAuthGrants");

            migrationBuilder.DropTable(
                name: "OAuthApps");

            migrationBuilder.DropIndex(
                name: "IX_SmtpServers_OAuthAppId",
                table: "SmtpServers");

            migrationBuilder.DropColumn(
                name: "OAuthAppId",
                table: "SmtpServers");
        }
    }
}
