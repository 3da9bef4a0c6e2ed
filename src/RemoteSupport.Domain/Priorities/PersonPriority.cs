using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Priorities;

/// <summary>
/// The stored result of <see cref="PriorityScore"/> for one person, as of <see cref="ComputedOn"/>, so a department of
/// 50,000 persons can be ranked without recomputing everyone on every page view. Database triggers mark the row stale
/// whenever anything it depends on changes; readers refresh stale rows before they rank (ADR-0008).
/// </summary>
public sealed class PersonPriority : IDepartmentScoped
{
    // Rows are created by a database trigger and written by PriorityRefresh (one UPDATE for many rows): the domain only reads them.
    private PersonPriority() { }

    public Guid PersonId { get; private set; }
    public int DepartmentId { get; private set; }
    public Guid ReferentId { get; private set; }
    public bool IsActive { get; private set; }

    public int Score { get; private set; }
    /// <summary>The reasons, heaviest first, as JSON (<c>[{"points":30,"text":"Risque élevé"}]</c>).</summary>
    public string Reasons { get; private set; } = "[]";
    /// <summary>Last contact, or 1970-01-01 when there was none, so "never contacted" sorts first at equal score.</summary>
    public DateTimeOffset LastContactSort { get; private set; }

    // Facts kept for the workload and figures pages.
    public bool ContactOverdue { get; private set; }
    public int OverdueActions { get; private set; }
    public bool FaceToFaceNeeded { get; private set; }
    public bool FirstMeetingPending { get; private set; }

    /// <summary>The day (Europe/Paris) the row was computed for: the score depends on the date, so yesterday's row is stale.</summary>
    public DateOnly ComputedOn { get; private set; }
    public bool IsStale { get; private set; } = true;
    /// <summary>Bumped by every trigger that marks the row stale: a refresh only writes over the generation it read.</summary>
    public long Generation { get; private set; }
}
