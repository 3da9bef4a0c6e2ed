using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RemoteSupport.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class R2Directory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ResourceId",
                table: "FollowUpActions",
                type: "uuid",
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
                name: "IX_DirectoryThemes_DepartmentId_Name",
                table: "DirectoryThemes",
                columns: new[] { "DepartmentId", "Name" },
                unique: true);

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

            migrationBuilder.AddForeignKey(
                name: "FK_FollowUpActions_Resources_ResourceId",
                table: "FollowUpActions",
                column: "ResourceId",
                principalTable: "Resources",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
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
                name: "PublicGuides");

            migrationBuilder.DropTable(
                name: "Resources");

            migrationBuilder.DropIndex(
                name: "IX_FollowUpActions_DepartmentId_PersonId_ResourceId",
                table: "FollowUpActions");

            migrationBuilder.DropIndex(
                name: "IX_FollowUpActions_ResourceId",
                table: "FollowUpActions");

            migrationBuilder.DropColumn(
                name: "ResourceId",
                table: "FollowUpActions");
        }
    }
}
