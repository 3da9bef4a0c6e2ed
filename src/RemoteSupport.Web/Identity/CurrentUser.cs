using System.Globalization;
using System.Security.Claims;

namespace RemoteSupport.Web.Identity;

/// <summary>Who is asking, and which departments they may see. Read from the sign-in cookie's claims.</summary>
public interface ICurrentUser
{
    Guid? Id { get; }
    IReadOnlyList<int> DepartmentIds { get; }
    int? TeamId { get; }
    bool IsInRole(string role);
}

public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public Guid? Id => Principal.UserId();
    public IReadOnlyList<int> DepartmentIds => Principal.DepartmentIds();
    public int? TeamId => Principal.TeamId();
    public bool IsInRole(string role) => Principal?.IsInRole(role) ?? false;
}

public static class ClaimsPrincipalExtensions
{
    public static Guid? UserId(this ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>For pages behind the fallback policy, where a user is always signed in.</summary>
    public static Guid RequiredUserId(this ClaimsPrincipal user) =>
        user.UserId() ?? throw new InvalidOperationException("No signed-in user.");

    public static int[] DepartmentIds(this ClaimsPrincipal? user) =>
        user?.FindAll(AppClaims.Department).Select(c => int.Parse(c.Value, CultureInfo.InvariantCulture)).ToArray() ?? [];

    public static int? TeamId(this ClaimsPrincipal? user) =>
        int.TryParse(user?.FindFirstValue(AppClaims.Team), CultureInfo.InvariantCulture, out var t) ? t : null;

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(AppClaims.DisplayName) ?? user.Identity?.Name ?? "";
}
