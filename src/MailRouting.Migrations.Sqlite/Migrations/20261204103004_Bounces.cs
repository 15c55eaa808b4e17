using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MailRouting.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Bounces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BounceAddress",
                table: "SmtpServers",
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Verp",
                table: "SmtpServers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ReadBounces",
                table: "EmailChannels",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "BounceMailboxes",
                columns: table => new
                {
                    ChannelId = table.Column<int>(type: "INTEGER", nullable: false),
                    UidValidity = table.Column<long>(type: "INTEGER", nullable: false),
                    LastUid = table.Column<long>(type: "INTEGER", nullable: false),
                    CheckedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Failure = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Fix = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    FailingSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Idles = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BounceMailboxes", x => x.ChannelId);
                    table.ForeignKey(
                        name: "FK_BounceMailboxes_EmailChannels_ChannelId",
                        column: x => x.ChannelId,
                        principalTable: "EmailChannels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Bounces",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChannelId = table.Column<int>(type: "INTEGER", nullable: false),
                    UidValidity = table.Column<long>(type: "INTEGER", nullable: false),
                    Uid = table.Column<long>(type: "INTEGER", nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false, collation: "NOCASE"),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reply = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReportedBy = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    Format = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OutboxMessageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MatchedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OriginalMessageId = table.Column<string>(type: "TEXT", maxLength: 250, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Folder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bounces", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Suppressions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false, collation: "NOCASE"),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Since = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BounceId = table.Column<long>(type: "INTEGER", nullable: true),
                    RemovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RemovedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RemovalReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Suppressions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_MessageId",
                table: "Outbox",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_Bounces_ChannelId_UidValidity_Uid_Recipient",
                table: "Bounces",
                columns: new[] { "ChannelId", "UidValidity", "Uid", "Recipient" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Bounces_OutboxMessageId",
                table: "Bounces",
                column: "OutboxMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_Bounces_ReceivedAt",
                table: "Bounces",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Bounces_Recipient_ReceivedAt",
                table: "Bounces",
                columns: new[] { "Recipient", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Suppressions_Address_RemovedAt",
                table: "Suppressions",
                columns: new[] { "Address", "RemovedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Suppressions_Since",
                table: "Suppressions",
                column: "Since");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BounceMailboxes");

            migrationBuilder.DropTable(
                name: "Bounces");

            migrationBuilder.DropTable(
                name: "Suppressions");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_MessageId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "BounceAddress",
                table: "SmtpServers");

            migrationBuilder.DropColumn(
                name: "Verp",
                table: "SmtpServers");

            migrationBuilder.DropColumn(
                name: "ReadBounces",
                table: "EmailChannels");
        }
    }
}
