using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Priorities;

/// <summary>
/// The stored result of <see cref="PriorityScore"/> for one person, as of <see cref="ComputedOn"/>, so a department of
/// 50,000 persons can be ranked without recomputing everyone on every page view. Database triggers mark the row stale
/// whenever anything it depends on changes; readers refresh stale rows before they rank (ADR-0008).
/// </summary>
public sealed class PersonPriority : IDepartmentScoped
{
    public Guid PersonId { get; set; }
    public int DepartmentId { get; set; }
    public Guid ReferentId { get; set; }
    public bool IsActive { get; set; }

    public int Score { get; set; }
    /// <summary>The reasons, heaviest first, as JSON (<c>[{"points":30,"text":"Risque élevé"}]</c>).</summary>
    public string Reasons { get; set; } = "[]";
    /// <summary>Last contact, or 1970-01-01 when there was none, so "never contacted" sorts first at equal score.</summary>
    public DateTimeOffset LastContactSort { get; set; }

    // Facts kept for the workload and figures pages.
    public bool ContactOverdue { get; set; }
    public int OverdueActions { get; set; }
    public bool FaceToFaceNeeded { get; set; }
    public bool FirstMeetingPending { get; set; }

    /// <summary>The day (Europe/Paris) the row was computed for: the score depends on the date, so yesterday's row is stale.</summary>
    public DateOnly ComputedOn { get; set; }
    public bool IsStale { get; set; } = true;
    /// <summary>Bumped by every trigger that marks the row stale: a refresh only writes over the generation it read.</summary>
    public long Generation { get; set; }
}
