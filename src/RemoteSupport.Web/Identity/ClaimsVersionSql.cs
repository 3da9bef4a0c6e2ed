namespace RemoteSupport.Web.Identity;

/// <summary>
/// Raw SQL the SessionCheckSpeed migration runs (ADR-0026): triggers keep <see cref="AppUser.ClaimsVersion"/> moving
/// whenever something the sign-in cookie's claims are made of changes — a role (AspNetUserRoles), an extra department
/// (UserDepartmentGrants), the home department, the team, the display name or the "must change password" mark — whatever
/// code writes it (UserManager, a page's own save, a bulk update, a cascade). The per-request session check then compares
/// one number instead of reading the roles and departments on every request.
/// </summary>
public static class ClaimsVersionSql
{
    public const string Create = """
        CREATE FUNCTION rs_bump_claims_version_of_link() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                UPDATE "AspNetUsers" SET "ClaimsVersion" = "ClaimsVersion" + 1 WHERE "Id" = OLD."UserId";
            END IF;
            IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW."UserId" IS DISTINCT FROM OLD."UserId") THEN
                UPDATE "AspNetUsers" SET "ClaimsVersion" = "ClaimsVersion" + 1 WHERE "Id" = NEW."UserId";
            END IF;
            RETURN NULL;
        END $$;

        CREATE FUNCTION rs_bump_claims_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW."ClaimsVersion" := OLD."ClaimsVersion" + 1;
            RETURN NEW;
        END $$;

        CREATE TRIGGER rs_user_roles_claims_version AFTER INSERT OR UPDATE OR DELETE ON "AspNetUserRoles"
            FOR EACH ROW EXECUTE FUNCTION rs_bump_claims_version_of_link();
        CREATE TRIGGER rs_user_grants_claims_version AFTER INSERT OR UPDATE OR DELETE ON "UserDepartmentGrants"
            FOR EACH ROW EXECUTE FUNCTION rs_bump_claims_version_of_link();
        CREATE TRIGGER rs_user_claims_version BEFORE UPDATE ON "AspNetUsers" FOR EACH ROW
            WHEN (OLD."DepartmentId" IS DISTINCT FROM NEW."DepartmentId" OR OLD."TeamId" IS DISTINCT FROM NEW."TeamId"
                OR OLD."MustChangePassword" IS DISTINCT FROM NEW."MustChangePassword" OR OLD."DisplayName" IS DISTINCT FROM NEW."DisplayName")
            EXECUTE FUNCTION rs_bump_claims_version();
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS rs_user_claims_version ON "AspNetUsers";
        DROP TRIGGER IF EXISTS rs_user_grants_claims_version ON "UserDepartmentGrants";
        DROP TRIGGER IF EXISTS rs_user_roles_claims_version ON "AspNetUserRoles";
        DROP FUNCTION IF EXISTS rs_bump_claims_version();
        DROP FUNCTION IF EXISTS rs_bump_claims_version_of_link();
        """;
}
