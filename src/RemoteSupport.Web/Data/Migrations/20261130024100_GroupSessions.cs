using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RemoteSupport.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class GroupSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "GroupSessionId",
                table: "OutboxMessages",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "GroupSessionId",
                table: "FollowUpActions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "GroupMaxParticipants",
                table: "Departments",
                type: "integer",
                nullable: false,
                defaultValue: 8);

            migrationBuilder.CreateTable(
                name: "GroupSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Theme = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    ScheduledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    Modality = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ToolId = table.Column<Guid>(type: "uuid", nullable: true),
                    JoinDetails = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Agenda = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    SpeakingRules = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OrganiserId = table.Column<Guid>(type: "uuid", nullable: false),
                    FacilitatorId = table.Column<Guid>(type: "uuid", nullable: false),
                    NoteTakerId = table.Column<Guid>(type: "uuid", nullable: true),
                    TechnicalHelperWorkerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HeldRecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SummaryAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CancelReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PreviousSessionId = table.Column<Guid>(type: "uuid", nullable: true),
                    ChecklistTemplateId = table.Column<Guid>(type: "uuid", nullable: true),
                    SeatsTaken = table.Column<int>(type: "integer", nullable: false),
                    SeatsVersion = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupSessions", x => x.Id);
                    table.CheckConstraint("CK_GroupSessions_Seats", "\"SeatsTaken\" >= 0 AND \"SeatsTaken\" <= \"Capacity\"");
                    table.ForeignKey(
                        name: "FK_GroupSessions_AspNetUsers_FacilitatorId",
                        column: x => x.FacilitatorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GroupSessions_AspNetUsers_NoteTakerId",
                        column: x => x.NoteTakerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GroupSessions_AspNetUsers_OrganiserId",
                        column: x => x.OrganiserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GroupSessions_AspNetUsers_TechnicalHelperWorkerId",
                        column: x => x.TechnicalHelperWorkerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GroupSessions_ChecklistTemplates_ChecklistTemplateId",
                        column: x => x.ChecklistTemplateId,
                        principalTable: "ChecklistTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GroupSessions_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GroupSessions_GroupSessions_PreviousSessionId",
                        column: x => x.PreviousSessionId,
                        principalTable: "GroupSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GroupSessions_VideoTools_ToolId",
                        column: x => x.ToolId,
                        principalTable: "VideoTools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GroupChecklistItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Phase = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false),
                    HelpText = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: true),
                    CheckedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CheckedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupChecklistItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GroupChecklistItems_GroupSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "GroupSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GroupParticipants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    AddedById = table.Column<Guid>(type: "uuid", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SeatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedById = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeftAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeftById = table.Column<Guid>(type: "uuid", nullable: true),
                    Attendance = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    AttendanceAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AttendanceById = table.Column<Guid>(type: "uuid", nullable: true),
                    IsTechnicalHelper = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GroupParticipants_AccompaniedPersons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AccompaniedPersons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GroupParticipants_GroupSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "GroupSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_DepartmentId_GroupSessionId",
                table: "OutboxMessages",
                columns: new[] { "DepartmentId", "GroupSessionId" },
                filter: "\"GroupSessionId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_GroupSessionId",
                table: "OutboxMessages",
                column: "GroupSessionId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpActions_GroupSessionId",
                table: "FollowUpActions",
                column: "GroupSessionId");

            migrationBuilder.CreateIndex(
                name: "IX_GroupChecklistItems_DepartmentId_SessionId_Phase_Order",
                table: "GroupChecklistItems",
                columns: new[] { "DepartmentId", "SessionId", "Phase", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupChecklistItems_SessionId",
                table: "GroupChecklistItems",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_GroupParticipants_Active",
                table: "GroupParticipants",
                columns: new[] { "SessionId", "PersonId" },
                unique: true,
                filter: "\"Status\" IN ('Proposed', 'Registered', 'Waiting')");

            migrationBuilder.CreateIndex(
                name: "IX_GroupParticipants_DepartmentId_PersonId",
                table: "GroupParticipants",
                columns: new[] { "DepartmentId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupParticipants_DepartmentId_Status",
                table: "GroupParticipants",
                columns: new[] { "DepartmentId", "Status" },
                filter: "\"Status\" = 'Proposed'");

            migrationBuilder.CreateIndex(
                name: "IX_GroupParticipants_PersonId",
                table: "GroupParticipants",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_GroupSessions_ChecklistTemplateId",
                table: "GroupSessions",
                column: "ChecklistTemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_GroupSessions_DepartmentId_FacilitatorId_ScheduledAt",
                table: "GroupSessions",
                columns: new[] { "DepartmentId", "FacilitatorId", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupSessions_DepartmentId_OrganiserId_ScheduledAt",
                table: "GroupSessions",
                columns: new[] { "DepartmentId", "OrganiserId", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupSessions_DepartmentId_ScheduledAt",
                table: "GroupSessions",
                columns: new[] { "DepartmentId", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupSessions_FacilitatorId",
                table: "GroupSessions",
                column: "FacilitatorId");

            migrationBuilder.CreateIndex(
                name: "IX_GroupSessions_NoteTakerId",
                table: "GroupSessions",
                column: "NoteTakerId");

            migrationBuilder.CreateIndex(
                name: "IX_GroupSessions_OrganiserId",
                table: "GroupSessions",
                column: "OrganiserId");

            migrationBuilder.CreateIndex(
                name: "IX_GroupSessions_PreviousSessionId",
                table: "GroupSessions",
                column: "PreviousSessionId");

            migrationBuilder.CreateIndex(
                name: "IX_GroupSessions_TechnicalHelperWorkerId",
                table: "GroupSessions",
                column: "TechnicalHelperWorkerId");

            migrationBuilder.CreateIndex(
                name: "IX_GroupSessions_ToolId",
                table: "GroupSessions",
                column: "ToolId");

            migrationBuilder.AddForeignKey(
                name: "FK_FollowUpActions_GroupSessions_GroupSessionId",
                table: "FollowUpActions",
                column: "GroupSessionId",
                principalTable: "GroupSessions",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_OutboxMessages_GroupSessions_GroupSessionId",
                table: "OutboxMessages",
                column: "GroupSessionId",
                principalTable: "GroupSessions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_FollowUpActions_GroupSessions_GroupSessionId",
                table: "FollowUpActions");

            migrationBuilder.DropForeignKey(
                name: "FK_OutboxMessages_GroupSessions_GroupSessionId",
                table: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "GroupChecklistItems");

            migrationBuilder.DropTable(
                name: "GroupParticipants");

            migrationBuilder.DropTable(
                name: "GroupSessions");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_DepartmentId_GroupSessionId",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_GroupSessionId",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_FollowUpActions_GroupSessionId",
                table: "FollowUpActions");

            migrationBuilder.DropColumn(
                name: "GroupSessionId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "GroupSessionId",
                table: "FollowUpActions");

            migrationBuilder.DropColumn(
                name: "GroupMaxParticipants",
                table: "Departments");
        }
    }
}
