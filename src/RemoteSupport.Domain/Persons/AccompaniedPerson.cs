using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Persons;

/// <summary>
/// A person followed at a distance. Its state changes only through its methods: opening the file, updating what the
/// worker wrote, contact preferences, closing, reopening, handing over to another referent, recording a contact.
/// Nothing outside sets the status, the referent, the dates or the preferred window directly; demo data and tests go
/// through the same methods or the clearly named <see cref="Seed"/> factory.
/// </summary>
public sealed partial class AccompaniedPerson : IDepartmentScoped
{
    // For EF Core, which sets the columns through the private setters.
    private AccompaniedPerson() { }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public int DepartmentId { get; private set; }

    // Identity and contact
    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public DateOnly? BirthDate { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    public string? Address { get; private set; }
    public string? PostalCode { get; private set; }
    public string? City { get; private set; }

    // Follow-up
    public Guid ReferentId { get; private set; }
    public PersonStatus Status { get; private set; } = PersonStatus.Active;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosureReason { get; private set; }
    /// <summary>
    /// Replaced whole by <see cref="UpdateProfile"/>. A <c>List</c> because Npgsql maps only lists and arrays to
    /// PostgreSQL arrays; the setter is private and the domain never edits it in place (ADR-0014).
    /// </summary>
    public List<RemoteReason> RemoteReasons { get; private set; } = [];
    public RiskLevel RiskLevel { get; private set; } = RiskLevel.Low;
    public bool LivesAlone { get; private set; }
    public DateOnly? FirstFaceToFaceMeetingOn { get; private set; }

    // Digital equipment and skills
    public bool HasSmartphone { get; private set; }
    public bool HasComputer { get; private set; }
    public bool HasInternetAccess { get; private set; }
    public DigitalSkills DigitalSkills { get; private set; } = DigitalSkills.Basic;

    // Language
    public bool IsAllophone { get; private set; }
    public string? Language { get; private set; }
    public bool NeedsEasyToRead { get; private set; }

    // Contact preferences (edited on their own page)
    public List<Modality> PreferredModalities { get; private set; } = [];
    /// <summary>ISO days, Monday = 1 … Sunday = 7. Empty means any working day. See <see cref="PreferredWindow"/>.</summary>
    public List<int> PreferredDays { get; private set; } = [];
    public TimeOnly? PreferredTimeFrom { get; private set; }
    public TimeOnly? PreferredTimeUntil { get; private set; }
    public string? PreferredContactNote { get; private set; }
    public int ContactFrequencyDays { get; private set; } = 30;

    /// <summary>Last completed interview or logged contact; kept here so lists and priorities need no join.</summary>
    public DateTimeOffset? LastContactAt { get; private set; }

    /// <summary>PostgreSQL xmin, for optimistic concurrency.</summary>
    public uint Version { get; private set; }

    public string FullName => $"{FirstName} {LastName}";
    public string Initials => InitialsOf(FirstName, LastName);

    public static string InitialsOf(string firstName, string lastName) => $"{Initial(firstName)}{Initial(lastName)}";

    private static string Initial(string s) => string.IsNullOrWhiteSpace(s) ? "" : char.ToUpperInvariant(s.Trim()[0]) + ".";

    /// <summary>When the person prefers to be contacted, as one value (days and hours).</summary>
    public ContactWindow PreferredWindow => ContactWindow.Restore(PreferredDays, PreferredTimeFrom, PreferredTimeUntil);

    /// <summary>Opens a follow-up: a new file in the referent's department, active from <paramref name="at"/>.</summary>
    public static AccompaniedPerson Open(int departmentId, Guid referentId, PersonProfile profile, DateTimeOffset at)
    {
        var person = new AccompaniedPerson { DepartmentId = departmentId, ReferentId = referentId, CreatedAt = at };
        person.UpdateProfile(profile);
        return person;
    }

    /// <summary>Takes what the worker wrote on the file (see <see cref="PersonProfile"/>).</summary>
    public void UpdateProfile(PersonProfile profile)
    {
        var check = profile.Check();
        if (!check.Allowed) throw new DomainRuleException(check.Reason!);
        FirstName = profile.FirstName.Trim();
        LastName = profile.LastName.Trim();
        BirthDate = profile.BirthDate;
        Phone = PersonProfile.Blank(profile.Phone);
        Email = PersonProfile.Blank(profile.Email);
        Address = PersonProfile.Blank(profile.Address);
        PostalCode = PersonProfile.Blank(profile.PostalCode);
        City = PersonProfile.Blank(profile.City);
        var reasons = profile.RemoteReasons.Distinct().Order().ToList();
        if (!reasons.SequenceEqual(RemoteReasons)) RemoteReasons = reasons;
        RiskLevel = profile.RiskLevel;
        LivesAlone = profile.LivesAlone;
        FirstFaceToFaceMeetingOn = profile.FirstFaceToFaceMeetingOn;
        HasSmartphone = profile.HasSmartphone;
        HasComputer = profile.HasComputer;
        HasInternetAccess = profile.HasInternetAccess;
        DigitalSkills = profile.DigitalSkills;
        IsAllophone = profile.IsAllophone;
        Language = PersonProfile.Blank(profile.Language);
        NeedsEasyToRead = profile.NeedsEasyToRead;
        ContactFrequencyDays = profile.ContactFrequencyDays;
    }

    /// <summary>
    /// Records how the person prefers to be contacted. Returns what changed, in words for the journal (never the note
    /// itself, which may be personal); empty when nothing changed.
    /// </summary>
    public IReadOnlyList<string> SetContactPreferences(IEnumerable<Modality> modalitiesInOrder, ContactWindow window, string? note, int frequencyDays)
    {
        if (frequencyDays is < 1 or > 365) throw new DomainRuleException("La fréquence convenue est un nombre de jours entre 1 et 365.");
        var modalities = modalitiesInOrder.Distinct().ToList();
        note = PersonProfile.Blank(note);
        var changed = new List<string>();
        if (!modalities.SequenceEqual(PreferredModalities)) changed.Add("modalités préférées");
        if (!window.Days.SequenceEqual(PreferredDays.Order())) changed.Add("jours");
        if (window.From != PreferredTimeFrom || window.Until != PreferredTimeUntil) changed.Add("horaires");
        if (note != PreferredContactNote) changed.Add("remarque");
        if (frequencyDays != ContactFrequencyDays) changed.Add($"fréquence convenue (tous les {frequencyDays} jours)");
        if (changed.Count == 0) return changed;
        PreferredModalities = modalities;
        PreferredDays = [.. window.Days];
        PreferredTimeFrom = window.From;
        PreferredTimeUntil = window.Until;
        PreferredContactNote = note;
        ContactFrequencyDays = frequencyDays;
        return changed;
    }

    public void Close(string reason, DateTimeOffset at)
    {
        if (Status == PersonStatus.Closed) throw new DomainRuleException("Ce suivi est déjà clos.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException("Indiquez le motif de clôture.");
        Status = PersonStatus.Closed;
        ClosedAt = at;
        ClosureReason = reason.Trim();
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

    /// <summary>A contact took place at <paramref name="at"/>: « dernier contact » only ever moves forward.</summary>
    public void RecordContact(DateTimeOffset at)
    {
        if (LastContactAt is null || at > LastContactAt) LastContactAt = at;
    }

    /// <summary>The guides ask for a first physical meeting at the start of an accompaniment.</summary>
    public bool FirstMeetingPending => FirstFaceToFaceMeetingOn is null;

    public bool IsWithinPreferredTimes(DateTime localStart, TimeSpan duration) => PreferredWindow.Contains(localStart, duration);

    /// <summary>
    /// Seeding only (demo data, tests): a file restored as it stands, with its status and dates, without replaying the
    /// use cases. The invariants still hold: a name, a language for an allophone person, a whole preferred window.
    /// </summary>
    public static AccompaniedPerson Seed(PersonSeed seed)
    {
        var person = new AccompaniedPerson
        {
            Id = seed.Id, DepartmentId = seed.DepartmentId, ReferentId = seed.ReferentId, CreatedAt = seed.CreatedAt,
            Status = seed.Status, ClosedAt = seed.ClosedAt, ClosureReason = seed.ClosureReason, LastContactAt = seed.LastContactAt,
        };
        person.FirstName = seed.FirstName;
        person.LastName = seed.LastName;
        person.BirthDate = seed.BirthDate;
        person.Phone = seed.Phone;
        person.Email = seed.Email;
        person.Address = seed.Address;
        person.PostalCode = seed.PostalCode;
        person.City = seed.City;
        person.RemoteReasons = [.. seed.RemoteReasons];
        person.RiskLevel = seed.RiskLevel;
        person.LivesAlone = seed.LivesAlone;
        person.FirstFaceToFaceMeetingOn = seed.FirstFaceToFaceMeetingOn;
        person.HasSmartphone = seed.HasSmartphone;
        person.HasComputer = seed.HasComputer;
        person.HasInternetAccess = seed.HasInternetAccess;
        person.DigitalSkills = seed.DigitalSkills;
        person.IsAllophone = seed.IsAllophone;
        person.Language = PersonProfile.Blank(seed.Language);
        person.NeedsEasyToRead = seed.NeedsEasyToRead;
        if (person.IsAllophone && person.Language is null) throw new DomainRuleException("Indiquez la langue parlée par la personne.");
        var window = ContactWindow.Create(seed.PreferredDays, seed.PreferredTimeFrom, seed.PreferredTimeUntil);
        person.PreferredModalities = [.. seed.PreferredModalities];
        person.PreferredDays = [.. window.Days];
        person.PreferredTimeFrom = window.From;
        person.PreferredTimeUntil = window.Until;
        person.PreferredContactNote = seed.PreferredContactNote;
        person.ContactFrequencyDays = seed.ContactFrequencyDays;
        return person;
    }

    /// <summary>Seeding only: demo data places a last contact first, then replays the contacts that lead to it.</summary>
    public void ForgetLastContactForSeeding() => LastContactAt = null;
}

/// <summary>
/// Everything a file holds, settable, for <see cref="AccompaniedPerson.Seed"/> only: demo data and tests describe a
/// person as it stands. <see cref="Close"/> mirrors the entity's own rule so a seeded file is closed the same way.
/// </summary>
public sealed class PersonSeed
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int DepartmentId { get; set; }
    public Guid ReferentId { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public DateOnly? BirthDate { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public PersonStatus Status { get; private set; } = PersonStatus.Active;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosureReason { get; private set; }
    public List<RemoteReason> RemoteReasons { get; set; } = [];
    public RiskLevel RiskLevel { get; set; } = RiskLevel.Low;
    public bool LivesAlone { get; set; }
    public DateOnly? FirstFaceToFaceMeetingOn { get; set; }
    public bool HasSmartphone { get; set; }
    public bool HasComputer { get; set; }
    public bool HasInternetAccess { get; set; }
    public DigitalSkills DigitalSkills { get; set; } = DigitalSkills.Basic;
    public bool IsAllophone { get; set; }
    public string? Language { get; set; }
    public bool NeedsEasyToRead { get; set; }
    public List<Modality> PreferredModalities { get; set; } = [];
    public List<int> PreferredDays { get; set; } = [];
    public TimeOnly? PreferredTimeFrom { get; set; }
    public TimeOnly? PreferredTimeUntil { get; set; }
    public string? PreferredContactNote { get; set; }
    public int ContactFrequencyDays { get; set; } = 30;
    public DateTimeOffset? LastContactAt { get; set; }

    public void Close(string reason, DateTimeOffset at)
    {
        if (Status == PersonStatus.Closed) throw new DomainRuleException("Ce suivi est déjà clos.");
        (Status, ClosedAt, ClosureReason) = (PersonStatus.Closed, at, reason);
    }
}
