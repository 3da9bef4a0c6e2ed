using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Identity;

/// <summary>Puts the user's departments and team in the cookie so every request knows its isolation scope without a query.</summary>
public sealed class AppClaimsFactory(
    UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options, AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        var departments = await db.UserDepartmentGrants.Where(g => g.UserId == user.Id).Select(g => g.DepartmentId).ToListAsync();
        foreach (var d in departments.Append(user.DepartmentId).Distinct())
            identity.AddClaim(new Claim(AppClaims.Department, d.ToString(CultureInfo.InvariantCulture)));
        if (user.TeamId is { } team) identity.AddClaim(new Claim(AppClaims.Team, team.ToString(CultureInfo.InvariantCulture)));
        if (user.MustChangePassword) identity.AddClaim(new Claim(AppClaims.MustChangePassword, "1"));
        identity.AddClaim(new Claim(AppClaims.ClaimsVersion, user.ClaimsVersion.ToString(CultureInfo.InvariantCulture)));
        return identity;
    }
}
