using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RemoteSupport.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Round2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ResourceId",
                table: "FollowUpActions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AccessJournalMonths",
                table: "Departments",
                type: "integer",
                nullable: false,
                defaultValue: 12);

            migrationBuilder.AddColumn<int>(
                name: "ActivePeriodMonths",
                table: "Departments",
                type: "integer",
                nullable: false,
                defaultValue: 24);

            migrationBuilder.AddColumn<int>(
                name: "IdleTimeoutMinutes",
                table: "Departments",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<string>(
                name: "NoticeAdditionalText",
                table: "Departments",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeController",
                table: "Departments",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeDpoContact",
                table: "Departments",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeRightsContact",
                table: "Departments",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RequireTwoFactorForAll",
                table: "Departments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SubjectAccessExporters",
                table: "Departments",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "TeamLeadsAndAdmins");

            migrationBuilder.AddColumn<int>(
                name: "TrustedBrowserDays",
                table: "Departments",
                type: "integer",
                nullable: false,
                defaultValue: 7);

            migrationBuilder.AddColumn<long>(
                name: "LastTotpStep",
                table: "AspNetUsers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LockoutCount",
                table: "AspNetUsers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ChainSeq",
                table: "ActivityLog",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DescriptionDigest",
                table: "ActivityLog",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "ActivityLog",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "ActivityLog",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Redacted",
                table: "ActivityLog",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AnonymisedAt",
                table: "AccompaniedPersons",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NoticeGivenAt",
                table: "AccompaniedPersons",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeMethod",
                table: "AccompaniedPersons",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ObjectedToMessagesAt",
                table: "AccompaniedPersons",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ObjectsToMessages",
                table: "AccompaniedPersons",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ProcessingRestricted",
                table: "AccompaniedPersons",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ProcessingRestrictedAt",
                table: "AccompaniedPersons",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RetentionHeldAt",
                table: "AccompaniedPersons",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RetentionHoldReason",
                table: "AccompaniedPersons",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DirectoryThemes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryThemes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DirectoryThemes_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FormSubmissions",
                columns: table => new
                {
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    BodyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResultUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    Flash = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormSubmissions", x => new { x.Key, x.BodyHash });
                });

            migrationBuilder.CreateTable(
                name: "JobRuns",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LastStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastSucceededAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastFailedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastOutcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    LastInstance = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    LastDurationMs = table.Column<long>(type: "bigint", nullable: true),
                    LastSummary = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRuns", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "MessageSettings",
                columns: table => new
                {
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    ReminderHoursBefore = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageSettings", x => x.DepartmentId);
                    table.ForeignKey(
                        name: "FK_MessageSettings_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MessageTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessageTemplates_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    InterviewId = table.Column<Guid>(type: "uuid", nullable: true),
                    Purpose = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Body = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    HtmlBody = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Calendar = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NotAfter = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StatusReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    ProviderReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SendingSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ResendOfId = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboxMessages_AccompaniedPersons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AccompaniedPersons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OutboxMessages_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutboxMessages_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutboxMessages_Interviews_InterviewId",
                        column: x => x.InterviewId,
                        principalTable: "Interviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PublicGuides",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Modality = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    VideoToolId = table.Column<Guid>(type: "uuid", nullable: true),
                    Title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Steps = table.Column<string>(type: "character varying(3000)", maxLength: 3000, nullable: false),
                    HelpPhone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicGuides", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicGuides_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PublicGuides_VideoTools_VideoToolId",
                        column: x => x.VideoToolId,
                        principalTable: "VideoTools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Resources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Themes = table.Column<List<string>>(type: "text[]", nullable: false),
                    Offer = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ForWhom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PostalCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Commune = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CommuneKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OpeningHours = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Website = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Languages = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EasyToRead = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Resources_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UserSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    SecondFactorAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UserSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PersonAccesses_DepartmentId_At",
                table: "PersonAccesses",
                columns: new[] { "DepartmentId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonAccesses_DepartmentId_UserId_At",
                table: "PersonAccesses",
                columns: new[] { "DepartmentId", "UserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpActions_DepartmentId_PersonId_ResourceId",
                table: "FollowUpActions",
                columns: new[] { "DepartmentId", "PersonId", "ResourceId" },
                filter: "\"ResourceId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpActions_ResourceId",
                table: "FollowUpActions",
                column: "ResourceId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityLog_DepartmentId_ChainSeq",
                table: "ActivityLog",
                columns: new[] { "DepartmentId", "ChainSeq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccompaniedPersons_DepartmentId_AnonymisedAt_LastContactAt",
                table: "AccompaniedPersons",
                columns: new[] { "DepartmentId", "AnonymisedAt", "LastContactAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AccompaniedPersons_DepartmentId_ReferentId_NoticeGivenAt",
                table: "AccompaniedPersons",
                columns: new[] { "DepartmentId", "ReferentId", "NoticeGivenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryThemes_DepartmentId_Name",
                table: "DirectoryThemes",
                columns: new[] { "DepartmentId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FormSubmissions_CreatedAt",
                table: "FormSubmissions",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_MessageTemplates_DepartmentId_Purpose_Channel",
                table: "MessageTemplates",
                columns: new[] { "DepartmentId", "Purpose", "Channel" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_CreatedById",
                table: "OutboxMessages",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_DepartmentId_InterviewId",
                table: "OutboxMessages",
                columns: new[] { "DepartmentId", "InterviewId" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_DepartmentId_PersonId_CreatedAt",
                table: "OutboxMessages",
                columns: new[] { "DepartmentId", "PersonId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_DepartmentId_Status_CreatedAt",
                table: "OutboxMessages",
                columns: new[] { "DepartmentId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Due",
                table: "OutboxMessages",
                column: "DueAt",
                filter: "\"Status\" = 'Planned'");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_InterviewId",
                table: "OutboxMessages",
                column: "InterviewId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_PersonId",
                table: "OutboxMessages",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_ProviderReference",
                table: "OutboxMessages",
                column: "ProviderReference");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Sending",
                table: "OutboxMessages",
                column: "SendingSince",
                filter: "\"Status\" = 'Sending'");

            migrationBuilder.CreateIndex(
                name: "IX_PublicGuides_DepartmentId_Modality_VideoToolId",
                table: "PublicGuides",
                columns: new[] { "DepartmentId", "Modality", "VideoToolId" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "IX_PublicGuides_VideoToolId",
                table: "PublicGuides",
                column: "VideoToolId");

            migrationBuilder.CreateIndex(
                name: "IX_Resources_DepartmentId_CommuneKey",
                table: "Resources",
                columns: new[] { "DepartmentId", "CommuneKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Resources_DepartmentId_IsActive_Name",
                table: "Resources",
                columns: new[] { "DepartmentId", "IsActive", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Resources_Themes",
                table: "Resources",
                column: "Themes")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_UserId_EndedAt",
                table: "UserSessions",
                columns: new[] { "UserId", "EndedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_FollowUpActions_Resources_ResourceId",
                table: "FollowUpActions",
                column: "ResourceId",
                principalTable: "Resources",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // Journal entries written before the chain existed are sealed in order, per department (ADR-0023).
            migrationBuilder.Sql(RemoteSupport.Web.Data.Journal.JournalChainSql.SealExistingEntries);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_FollowUpActions_Resources_ResourceId",
                table: "FollowUpActions");

            migrationBuilder.DropTable(
                name: "DirectoryThemes");

            migrationBuilder.DropTable(
                name: "FormSubmissions");

            migrationBuilder.DropTable(
                name: "JobRuns");

            migrationBuilder.DropTable(
                name: "MessageSettings");

            migrationBuilder.DropTable(
                name: "MessageTemplates");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "PublicGuides");

            migrationBuilder.DropTable(
                name: "Resources");

            migrationBuilder.DropTable(
                name: "UserSessions");

            migrationBuilder.DropIndex(
                name: "IX_PersonAccesses_DepartmentId_At",
                table: "PersonAccesses");

            migrationBuilder.DropIndex(
                name: "IX_PersonAccesses_DepartmentId_UserId_At",
                table: "PersonAccesses");

            migrationBuilder.DropIndex(
                name: "IX_FollowUpActions_DepartmentId_PersonId_ResourceId",
                table: "FollowUpActions");

            migrationBuilder.DropIndex(
                name: "IX_FollowUpActions_ResourceId",
                table: "FollowUpActions");

            migrationBuilder.DropIndex(
                name: "IX_ActivityLog_DepartmentId_ChainSeq",
                table: "ActivityLog");

            migrationBuilder.DropIndex(
                name: "IX_AccompaniedPersons_DepartmentId_AnonymisedAt_LastContactAt",
                table: "AccompaniedPersons");

            migrationBuilder.DropIndex(
                name: "IX_AccompaniedPersons_DepartmentId_ReferentId_NoticeGivenAt",
                table: "AccompaniedPersons");

            migrationBuilder.DropColumn(
                name: "ResourceId",
                table: "FollowUpActions");

            migrationBuilder.DropColumn(
                name: "AccessJournalMonths",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "ActivePeriodMonths",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "IdleTimeoutMinutes",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "NoticeAdditionalText",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "NoticeController",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "NoticeDpoContact",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "NoticeRightsContact",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "RequireTwoFactorForAll",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "SubjectAccessExporters",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "TrustedBrowserDays",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "LastTotpStep",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "LockoutCount",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ChainSeq",
                table: "ActivityLog");

            migrationBuilder.DropColumn(
                name: "DescriptionDigest",
                table: "ActivityLog");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "ActivityLog");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "ActivityLog");

            migrationBuilder.DropColumn(
                name: "Redacted",
                table: "ActivityLog");

            migrationBuilder.DropColumn(
                name: "AnonymisedAt",
                table: "AccompaniedPersons");

            migrationBuilder.DropColumn(
                name: "NoticeGivenAt",
                table: "AccompaniedPersons");

            migrationBuilder.DropColumn(
                name: "NoticeMethod",
                table: "AccompaniedPersons");

            migrationBuilder.DropColumn(
                name: "ObjectedToMessagesAt",
                table: "AccompaniedPersons");

            migrationBuilder.DropColumn(
                name: "ObjectsToMessages",
                table: "AccompaniedPersons");

            migrationBuilder.DropColumn(
                name: "ProcessingRestricted",
                table: "AccompaniedPersons");

            migrationBuilder.DropColumn(
                name: "ProcessingRestrictedAt",
                table: "AccompaniedPersons");

            migrationBuilder.DropColumn(
                name: "RetentionHeldAt",
                table: "AccompaniedPersons");

            migrationBuilder.DropColumn(
                name: "RetentionHoldReason",
                table: "AccompaniedPersons");
        }
    }
}
