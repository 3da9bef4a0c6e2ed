using Microsoft.AspNetCore.Authorization;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Authorization;

public static class Policies
{
    /// <summary>Caseload, persons, consents, interviews: the people who follow persons.</summary>
    public const string FollowPersons = nameof(FollowPersons);
    /// <summary>Caseload review, priorities, workload, reassignment.</summary>
    public const string ReviewCaseload = nameof(ReviewCaseload);
    /// <summary>Department configuration, users, audit.</summary>
    public const string Administer = nameof(Administer);
    /// <summary>The person's-rights pages: each handler then decides who may do what (RightsGate).</summary>
    public const string PersonRights = nameof(PersonRights);

    public static void Configure(AuthorizationOptions options)
    {
        // Sign-in everywhere: a page that forgets [Authorize] is still closed.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(FollowPersons, p => p.RequireRole(Roles.SocialWorker, Roles.TeamLead));
        options.AddPolicy(ReviewCaseload, p => p.RequireRole(Roles.TeamLead));
        options.AddPolicy(Administer, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(PersonRights, p => p.RequireRole(Roles.SocialWorker, Roles.TeamLead, Roles.Admin));
    }
}
