using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RemoteSupport.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PersonPriorities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PersonPriorities",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    ReferentId = table.Column<Guid>(type: "uuid", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Reasons = table.Column<string>(type: "jsonb", nullable: false),
                    LastContactSort = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ContactOverdue = table.Column<bool>(type: "boolean", nullable: false),
                    OverdueActions = table.Column<int>(type: "integer", nullable: false),
                    FaceToFaceNeeded = table.Column<bool>(type: "boolean", nullable: false),
                    FirstMeetingPending = table.Column<bool>(type: "boolean", nullable: false),
                    ComputedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    IsStale = table.Column<bool>(type: "boolean", nullable: false),
                    Generation = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonPriorities", x => x.PersonId);
                    table.ForeignKey(
                        name: "FK_PersonPriorities_AccompaniedPersons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AccompaniedPersons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Interviews_Figures",
                table: "Interviews",
                columns: new[] { "DepartmentId", "ScheduledAt" })
                .Annotation("Npgsql:IndexInclude", new[] { "WorkerId", "Status", "Modality" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonPriorities_Active",
                table: "PersonPriorities",
                column: "DepartmentId",
                filter: "\"IsActive\"");

            migrationBuilder.CreateIndex(
                name: "IX_PersonPriorities_DepartmentId_ComputedOn",
                table: "PersonPriorities",
                columns: new[] { "DepartmentId", "ComputedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonPriorities_DepartmentId_IsActive_Score_LastContactSor~",
                table: "PersonPriorities",
                columns: new[] { "DepartmentId", "IsActive", "Score", "LastContactSort", "PersonId" },
                descending: new[] { false, false, true, false, false });

            migrationBuilder.CreateIndex(
                name: "IX_PersonPriorities_Load",
                table: "PersonPriorities",
                columns: new[] { "DepartmentId", "ReferentId" },
                filter: "\"IsActive\"")
                .Annotation("Npgsql:IndexInclude", new[] { "ContactOverdue", "OverdueActions", "FirstMeetingPending", "FaceToFaceNeeded" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonPriorities_ReferentId_IsActive_Score",
                table: "PersonPriorities",
                columns: new[] { "ReferentId", "IsActive", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonPriorities_Stale",
                table: "PersonPriorities",
                column: "DepartmentId",
                filter: "\"IsStale\"");

            // Triggers keep the stored priorities honest whatever code writes: each write to what a score depends on
            // marks the person's row stale (and bumps its generation); readers recompute stale rows before ranking.
            migrationBuilder.Sql("""
                CREATE FUNCTION rs_mark_priority_stale() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    person uuid;
                BEGIN
                    IF TG_TABLE_NAME = 'AccompaniedPersons' THEN
                        IF TG_OP = 'INSERT' THEN
                            INSERT INTO "PersonPriorities" ("PersonId", "DepartmentId", "ReferentId", "IsActive", "Score", "Reasons",
                                "LastContactSort", "ContactOverdue", "OverdueActions", "FaceToFaceNeeded", "FirstMeetingPending",
                                "ComputedOn", "IsStale", "Generation")
                            VALUES (NEW."Id", NEW."DepartmentId", NEW."ReferentId", NEW."Status" = 'Active', 0, '[]',
                                'epoch', false, 0, false, false, '2000-01-01', true, 0)
                            ON CONFLICT ("PersonId") DO UPDATE SET "IsStale" = true, "Generation" = "PersonPriorities"."Generation" + 1;
                            RETURN NULL;
                        END IF;
                        person := NEW."Id";
                    ELSIF TG_TABLE_NAME = 'FallbackSwitches' THEN
                        SELECT i."PersonId" INTO person FROM "Interviews" i WHERE i."Id" = NEW."InterviewId";
                    ELSIF TG_OP = 'DELETE' THEN
                        person := OLD."PersonId";
                    ELSE
                        person := NEW."PersonId";
                    END IF;
                    UPDATE "PersonPriorities" SET "IsStale" = true, "Generation" = "Generation" + 1 WHERE "PersonId" = person;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION rs_mark_department_priorities_stale() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "PersonPriorities" SET "IsStale" = true, "Generation" = "Generation" + 1 WHERE "DepartmentId" = NEW."Id";
                    RETURN NULL;
                END $$;

                CREATE TRIGGER rs_priority_stale AFTER INSERT OR UPDATE ON "AccompaniedPersons"
                    FOR EACH ROW EXECUTE FUNCTION rs_mark_priority_stale();
                CREATE TRIGGER rs_priority_stale AFTER INSERT ON "ConsentRecords"
                    FOR EACH ROW EXECUTE FUNCTION rs_mark_priority_stale();
                CREATE TRIGGER rs_priority_stale AFTER INSERT OR UPDATE OR DELETE ON "Interviews"
                    FOR EACH ROW EXECUTE FUNCTION rs_mark_priority_stale();
                CREATE TRIGGER rs_priority_stale AFTER INSERT ON "FallbackSwitches"
                    FOR EACH ROW EXECUTE FUNCTION rs_mark_priority_stale();
                CREATE TRIGGER rs_priority_stale AFTER INSERT OR UPDATE OR DELETE ON "FollowUpActions"
                    FOR EACH ROW EXECUTE FUNCTION rs_mark_priority_stale();
                CREATE TRIGGER rs_priority_stale AFTER UPDATE OF "NotContactedAlertDays" ON "Departments"
                    FOR EACH ROW WHEN (OLD."NotContactedAlertDays" IS DISTINCT FROM NEW."NotContactedAlertDays")
                    EXECUTE FUNCTION rs_mark_department_priorities_stale();

                INSERT INTO "PersonPriorities" ("PersonId", "DepartmentId", "ReferentId", "IsActive", "Score", "Reasons", "LastContactSort",
                    "ContactOverdue", "OverdueActions", "FaceToFaceNeeded", "FirstMeetingPending", "ComputedOn", "IsStale", "Generation")
                SELECT "Id", "DepartmentId", "ReferentId", "Status" = 'Active', 0, '[]', 'epoch', false, 0, false, false, '2000-01-01', true, 0
                FROM "AccompaniedPersons";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER rs_priority_stale ON "AccompaniedPersons";
                DROP TRIGGER rs_priority_stale ON "ConsentRecords";
                DROP TRIGGER rs_priority_stale ON "Interviews";
                DROP TRIGGER rs_priority_stale ON "FallbackSwitches";
                DROP TRIGGER rs_priority_stale ON "FollowUpActions";
                DROP TRIGGER rs_priority_stale ON "Departments";
                DROP FUNCTION rs_mark_priority_stale();
                DROP FUNCTION rs_mark_department_priorities_stale();
                """);
            migrationBuilder.DropTable(
                name: "PersonPriorities");

            migrationBuilder.DropIndex(
                name: "IX_Interviews_Figures",
                table: "Interviews");
        }
    }
}
