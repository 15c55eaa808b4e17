using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MailRouting.Migrations.SqlServer.Migrations
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
                type: "nvarchar(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Verp",
                table: "SmtpServers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ReadBounces",
                table: "EmailChannels",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "BounceMailboxes",
                columns: table => new
                {
                    ChannelId = table.Column<int>(type: "int", nullable: false),
                    UidValidity = table.Column<long>(type: "bigint", nullable: false),
                    LastUid = table.Column<long>(type: "bigint", nullable: false),
                    CheckedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Failure = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Fix = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    FailingSince = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Idles = table.Column<bool>(type: "bit", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ReceivedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ChannelId = table.Column<int>(type: "int", nullable: false),
                    UidValidity = table.Column<long>(type: "bigint", nullable: false),
                    Uid = table.Column<long>(type: "bigint", nullable: false),
                    Recipient = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Reply = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ReportedBy = table.Column<string>(type: "nvarchar(253)", maxLength: 253, nullable: true),
                    Format = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    OutboxMessageId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    MatchedBy = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    OriginalMessageId = table.Column<string>(type: "nvarchar(250)", maxLength: 250, nullable: true),
                    Subject = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    From = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: false),
                    Folder = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bounces", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Suppressions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Address = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Detail = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Since = table.Column<DateTime>(type: "datetime2", nullable: false),
                    BounceId = table.Column<long>(type: "bigint", nullable: true),
                    RemovedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RemovedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    RemovalReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
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
