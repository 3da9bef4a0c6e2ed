using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RemoteSupport.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SessionCheckSpeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ClaimsVersion",
                table: "AspNetUsers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Triggers keep the version moving whatever code changes roles, grants, department, team, name or the
            // "must change password" mark (ADR-0026).
            migrationBuilder.Sql(RemoteSupport.Web.Identity.ClaimsVersionSql.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RemoteSupport.Web.Identity.ClaimsVersionSql.Drop);

            migrationBuilder.DropColumn(
                name: "ClaimsVersion",
                table: "AspNetUsers");
        }
    }
}
