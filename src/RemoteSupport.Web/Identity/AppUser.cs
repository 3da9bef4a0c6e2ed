using Microsoft.AspNetCore.Identity;

namespace RemoteSupport.Web.Identity;

public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    /// <summary>The department the user belongs to.</summary>
    public int DepartmentId { get; set; }
    public int? TeamId { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>Set for a one-time password given by an administrator: the user must choose their own at first sign-in.</summary>
    public bool MustChangePassword { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>How many times the account was locked since its last successful sign-in: each lock lasts longer (LockoutPolicy).</summary>
    public int LockoutCount { get; set; }
    /// <summary>The last authenticator time step accepted: a code is good once (no replay within its 30 seconds).</summary>
    public long? LastTotpStep { get; set; }
    /// <summary>
    /// Moved by database triggers (ClaimsVersionSql) whenever the roles, departments, team, name or "must change password"
    /// mark change; the cookie carries the version its claims were built from, so the per-request session check compares
    /// one number and rebuilds the claims only when it moved. Never written by the application.
    /// </summary>
    public int ClaimsVersion { get; set; }
    /// <summary>Further departments an administrator spans (the home department is implied).</summary>
    public List<UserDepartmentGrant> ExtraDepartments { get; set; } = [];
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole() { }
    public AppRole(string name) : base(name) { }
}

public sealed class UserDepartmentGrant
{
    public Guid UserId { get; set; }
    public int DepartmentId { get; set; }
}

public static class Roles
{
    public const string SocialWorker = "SocialWorker";
    public const string TeamLead = "TeamLead";
    public const string Admin = "Admin";
    public static readonly string[] All = [SocialWorker, TeamLead, Admin];

    public static string French(string role) => role switch
    {
        SocialWorker => "Travailleur social",
        TeamLead => "Responsable d'équipe",
        Admin => "Administrateur",
        _ => role,
    };
}

public static class AppClaims
{
    public const string Department = "rs:dept";
    public const string Team = "rs:team";
    public const string DisplayName = "rs:name";
    public const string MustChangePassword = "rs:mustchange";
    /// <summary>The <see cref="AppUser.ClaimsVersion"/> the cookie's claims were built from.</summary>
    public const string ClaimsVersion = "rs:cv";
    /// <summary>The server-side session this cookie belongs to (<see cref="UserSession"/>).</summary>
    public const string Session = "rs:sid";
    /// <summary>Identity's mark of a sign-in completed with a second factor.</summary>
    public const string AuthenticationMethod = "amr";
}
