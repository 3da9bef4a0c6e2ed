using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RemoteSupport.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class R2Rights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.AddColumn<string>(
                name: "SubjectAccessExporters",
                table: "Departments",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "TeamLeadsAndAdmins");

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

            migrationBuilder.CreateIndex(
                name: "IX_PersonAccesses_DepartmentId_At",
                table: "PersonAccesses",
                columns: new[] { "DepartmentId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonAccesses_DepartmentId_UserId_At",
                table: "PersonAccesses",
                columns: new[] { "DepartmentId", "UserId", "At" });

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

            // Raw SQL (issue 14): seals the journal entries written before the hash chain existed (ADR-0023).
            migrationBuilder.Sql(RemoteSupport.Web.Data.Journal.JournalChainSql.SealExistingEntries);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PersonAccesses_DepartmentId_At",
                table: "PersonAccesses");

            migrationBuilder.DropIndex(
                name: "IX_PersonAccesses_DepartmentId_UserId_At",
                table: "PersonAccesses");

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
                name: "AccessJournalMonths",
                table: "Departments");

            migrationBuilder.DropColumn(
                name: "ActivePeriodMonths",
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
                name: "SubjectAccessExporters",
                table: "Departments");

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
