using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Persons;

public sealed partial class AccompaniedPerson : IDepartmentScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int DepartmentId { get; set; }

    // Identity and contact
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public DateOnly? BirthDate { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }

    // Follow-up
    public Guid ReferentId { get; set; }
    public PersonStatus Status { get; set; } = PersonStatus.Active;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosureReason { get; set; }
    public List<RemoteReason> RemoteReasons { get; set; } = [];
    public RiskLevel RiskLevel { get; set; } = RiskLevel.Low;
    public bool LivesAlone { get; set; }
    public DateOnly? FirstFaceToFaceMeetingOn { get; set; }

    // Digital equipment and skills
    public bool HasSmartphone { get; set; }
    public bool HasComputer { get; set; }
    public bool HasInternetAccess { get; set; }
    public DigitalSkills DigitalSkills { get; set; } = DigitalSkills.Basic;

    // Language
    public bool IsAllophone { get; set; }
    public string? Language { get; set; }
    public bool NeedsEasyToRead { get; set; }

    // Contact preferences (edited on their own page, issue 3)
    public List<Modality> PreferredModalities { get; set; } = [];
    /// <summary>ISO days, Monday = 1 … Sunday = 7. Empty means any working day.</summary>
    public List<int> PreferredDays { get; set; } = [];
    public TimeOnly? PreferredTimeFrom { get; set; }
    public TimeOnly? PreferredTimeUntil { get; set; }
    public string? PreferredContactNote { get; set; }
    public int ContactFrequencyDays { get; set; } = 30;

    /// <summary>Last completed interview or logged contact; kept here so lists and priorities need no join.</summary>
    public DateTimeOffset? LastContactAt { get; set; }

    /// <summary>PostgreSQL xmin, for optimistic concurrency.</summary>
    public uint Version { get; set; }

    public string FullName => $"{FirstName} {LastName}";
    public string Initials => $"{Initial(FirstName)}{Initial(LastName)}";

    private static string Initial(string s) => string.IsNullOrWhiteSpace(s) ? "" : char.ToUpperInvariant(s.Trim()[0]) + ".";

    public void Close(string reason, DateTimeOffset at)
    {
        if (Status == PersonStatus.Closed) throw new DomainRuleException("Ce suivi est déjà clos.");
        Status = PersonStatus.Closed;
        ClosedAt = at;
        ClosureReason = reason;
    }

    public void Reopen()
    {
        if (Status == PersonStatus.Active) throw new DomainRuleException("Ce suivi est déjà en cours.");
        Status = PersonStatus.Active;
        ClosedAt = null;
        ClosureReason = null;
    }

    /// <summary>Hands the follow-up to another worker; the caller records who, and why, in the journal.</summary>
    public void Reassign(Guid newReferentId)
    {
        if (Status == PersonStatus.Closed) throw new DomainRuleException("Ce suivi est clos : rouvrez-le avant de changer de référent.");
        if (newReferentId == ReferentId) throw new DomainRuleException("Cette personne est déjà suivie par ce travailleur social.");
        ReferentId = newReferentId;
    }

    public void RecordContact(DateTimeOffset at)
    {
        if (LastContactAt is null || at > LastContactAt) LastContactAt = at;
    }

    /// <summary>The guides ask for a first physical meeting at the start of an accompaniment.</summary>
    public bool FirstMeetingPending => FirstFaceToFaceMeetingOn is null;

    public bool IsWithinPreferredTimes(DateTime localStart, TimeSpan duration)
    {
        var day = localStart.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)localStart.DayOfWeek;
        if (PreferredDays.Count > 0 && !PreferredDays.Contains(day)) return false;
        var start = TimeOnly.FromDateTime(localStart);
        var end = TimeOnly.FromDateTime(localStart + duration);
        if (PreferredTimeFrom is { } from && start < from) return false;
        if (PreferredTimeUntil is { } until && end > until) return false;
        return true;
    }
}
