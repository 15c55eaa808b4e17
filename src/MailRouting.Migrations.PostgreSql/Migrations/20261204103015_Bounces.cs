using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MailRouting.Migrations.PostgreSql.Migrations
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
                type: "character varying(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Verp",
                table: "SmtpServers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ReadBounces",
                table: "EmailChannels",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "BounceMailboxes",
                columns: table => new
                {
                    ChannelId = table.Column<int>(type: "integer", nullable: false),
                    UidValidity = table.Column<long>(type: "bigint", nullable: false),
                    LastUid = table.Column<long>(type: "bigint", nullable: false),
                    CheckedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Failure = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Fix = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FailingSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Idles = table.Column<bool>(type: "boolean", nullable: false)
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
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChannelId = table.Column<int>(type: "integer", nullable: false),
                    UidValidity = table.Column<long>(type: "bigint", nullable: false),
                    Uid = table.Column<long>(type: "bigint", nullable: false),
                    Recipient = table.Column<string>(type: "citext", maxLength: 320, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reply = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReportedBy = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    Format = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OutboxMessageId = table.Column<Guid>(type: "uuid", nullable: true),
                    MatchedBy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OriginalMessageId = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: true),
                    Subject = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    From = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Folder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bounces", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Suppressions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Address = table.Column<string>(type: "citext", maxLength: 320, nullable: false),
                    Reason = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Since = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    BounceId = table.Column<long>(type: "bigint", nullable: true),
                    RemovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RemovedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RemovalReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
