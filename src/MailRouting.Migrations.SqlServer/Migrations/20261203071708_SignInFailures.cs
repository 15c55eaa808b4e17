using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MailRouting.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SignInFailures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SignInFailures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Address = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInFailures", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SignInFailures_At",
                table: "SignInFailures",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_SignInFailures_UserId_Address_At",
                table: "SignInFailures",
                columns: new[] { "UserId", "Address", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignInFailures");
        }
    }
}
