namespace RemoteSupport.Web.Identity;

/// <summary>
/// A signed-in session, kept on the server: the cookie only names it. Signing out, an idle timeout, the absolute
/// lifetime, a deactivation or a new password ends it, and the cookie is refused from the next request on.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Moved forward at most once a minute (one small write per minute of use, not one per request).</summary>
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public SessionEnd? EndReason { get; set; }
    /// <summary>When the person last proved their second factor in this session (exports ask for a recent one).</summary>
    public DateTimeOffset? SecondFactorAt { get; set; }
}

public enum SessionEnd
{
    SignedOut,
    Idle,
    Lifetime,
    Deactivated,
    CredentialsChanged,
}

/// <summary>
/// A form already processed, by the one-time key its page carried: a second submission (a double click, a retry after
/// an error) is answered with the first one's result instead of doing the work again.
/// </summary>
public sealed class FormSubmission
{
    public Guid Key { get; set; }
    /// <summary>
    /// What was posted (SHA-256 of the fields, token and key aside): the same form sent again with other values (back,
    /// change, send) is a new submission, which the page's own rules then answer.
    /// </summary>
    public string BodyHash { get; set; } = "";
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Where the first submission sent the person (a redirect), once known.</summary>
    public string? ResultUrl { get; set; }
    public string? Flash { get; set; }
}
