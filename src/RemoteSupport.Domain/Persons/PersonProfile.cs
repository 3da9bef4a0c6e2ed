using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Persons;

/// <summary>
/// What a worker writes on a person's file (identity, contact details, situation, equipment, language). The file
/// takes it whole through <see cref="AccompaniedPerson.Open"/> or <see cref="AccompaniedPerson.UpdateProfile"/>,
/// which normalise it (trimmed texts, blank as none, reasons sorted once each).
/// </summary>
public sealed record PersonProfile
{
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public DateOnly? BirthDate { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Address { get; init; }
    public string? PostalCode { get; init; }
    public string? City { get; init; }
    public IReadOnlyCollection<RemoteReason> RemoteReasons { get; init; } = [];
    public RiskLevel RiskLevel { get; init; } = RiskLevel.Low;
    public bool LivesAlone { get; init; }
    public DateOnly? FirstFaceToFaceMeetingOn { get; init; }
    public bool HasSmartphone { get; init; }
    public bool HasComputer { get; init; }
    public bool HasInternetAccess { get; init; }
    public DigitalSkills DigitalSkills { get; init; } = DigitalSkills.Basic;
    public bool IsAllophone { get; init; }
    /// <summary>The language the person speaks. Kept whether or not they are allophone: a worker who typed it expects to find it.</summary>
    public string? Language { get; init; }
    public bool NeedsEasyToRead { get; init; }
    public int ContactFrequencyDays { get; init; } = 30;

    /// <summary>The rules a file holds whatever the form: a name, a remote reason, a language for an allophone person.</summary>
    public RuleResult Check()
    {
        if (string.IsNullOrWhiteSpace(FirstName) || string.IsNullOrWhiteSpace(LastName)) return RuleResult.Refuse("Saisissez le prénom et le nom.");
        if (RemoteReasons.Count == 0) return RuleResult.Refuse("Indiquez au moins une raison du suivi à distance.");
        if (IsAllophone && string.IsNullOrWhiteSpace(Language)) return RuleResult.Refuse("Indiquez la langue parlée par la personne.");
        if (ContactFrequencyDays is < 1 or > 365) return RuleResult.Refuse("La fréquence de contact convenue est comprise entre 1 et 365 jours.");
        return RuleResult.Ok;
    }

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
