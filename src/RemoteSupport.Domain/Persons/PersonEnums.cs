namespace RemoteSupport.Domain.Persons;

public enum PersonStatus { Active, Closed }

public enum RiskLevel { Low, Medium, High }

public enum DigitalSkills { None, Basic, Autonomous }

/// <summary>Why the follow-up is done at a distance (PRODUCT.md).</summary>
public enum RemoteReason
{
    Lockdown,
    IllnessOrDisability,
    ComplicatedPregnancy,
    GeographicDistance,
    MobilityProblems,
    Homelessness,
    PsychologicalDistress,
    NeedsDigitalSupport,
    NoNetworkCoverage,
}

public static class PersonText
{
    /// <summary>Living alone, in words that fit every person (no gendered adjective).</summary>
    public const string LivesAlone = "vit sans autre personne au foyer";

    public static string French(this PersonStatus s) => s switch
    {
        PersonStatus.Active => "Suivi en cours",
        PersonStatus.Closed => "Suivi clos",
    };

    public static string French(this RiskLevel r) => r switch
    {
        RiskLevel.Low => "Faible",
        RiskLevel.Medium => "Modéré",
        RiskLevel.High => "Élevé",
    };

    public static string French(this DigitalSkills s) => s switch
    {
        DigitalSkills.None => "Aucune autonomie",
        DigitalSkills.Basic => "Usage simple",
        DigitalSkills.Autonomous => "Autonome",
    };

    public static string French(this RemoteReason r) => r switch
    {
        RemoteReason.Lockdown => "Confinement",
        RemoteReason.IllnessOrDisability => "Maladie ou handicap",
        RemoteReason.ComplicatedPregnancy => "Grossesse pathologique",
        RemoteReason.GeographicDistance => "Éloignement géographique",
        RemoteReason.MobilityProblems => "Difficultés de mobilité",
        RemoteReason.Homelessness => "Personne sans domicile stable",
        RemoteReason.PsychologicalDistress => "Souffrance psychique",
        RemoteReason.NeedsDigitalSupport => "Accompagnement au numérique",
        RemoteReason.NoNetworkCoverage => "Zone sans couverture réseau",
    };
}
