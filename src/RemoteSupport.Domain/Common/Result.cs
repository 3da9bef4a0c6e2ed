namespace RemoteSupport.Domain.Common;

/// <summary>The answer of a domain rule: allowed, or refused with a reason a worker understands (French).</summary>
public sealed record RuleResult(bool Allowed, string? Reason)
{
    public static readonly RuleResult Ok = new(true, null);
    public static RuleResult Refuse(string reason) => new(false, reason);
}

/// <summary>Thrown by a domain method when an action breaks a rule; the handler turns it into a message.</summary>
public sealed class DomainRuleException(string message) : Exception(message);
