using System.Text.RegularExpressions;
using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Departments;

/// <summary>
/// A conseil départemental and the settings its rules read (working hours, contact rhythm, SMS quiet period).
/// Every setting changes through a named method that checks it; pages only turn a refusal into a message.
/// </summary>
public sealed partial class Department
{
    public const int MinContactFrequencyDays = 1;
    public const int MaxContactFrequencyDays = 365;
    public const int MinAlertDays = 1;
    public const int MaxAlertDays = 730;
    public const int MaxNameLength = 120;

    /// <summary>A department with the default settings, without code or name yet (rules that only read the settings).</summary>
    public Department() { }

    /// <summary>A new department: its code (2 to 16 letters or digits, stored in capitals) and name.</summary>
    public Department(string code, string name) => Rename(code, name);

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>Concurrency token (PostgreSQL xmin): two administrators cannot silently overwrite each other's settings.</summary>
    public uint Version { get; private set; }

    /// <summary>Working days, Monday = 1 … Sunday = 7 (ISO), in order.</summary>
    public IReadOnlyList<int> WorkingDays { get; private set; } = [1, 2, 3, 4, 5];
    public TimeOnly WorkDayStart { get; private set; } = new(9, 0);
    public TimeOnly WorkDayEnd { get; private set; } = new(17, 30);
    public int DefaultContactFrequencyDays { get; private set; } = 30;

    /// <summary>After this many days without contact a person counts as "not contacted for too long".</summary>
    public int NotContactedAlertDays { get; private set; } = 45;
    public TimeOnly SmsQuietFrom { get; private set; } = new(19, 0);
    public TimeOnly SmsQuietUntil { get; private set; } = new(8, 30);

    /// <summary>The code as stored: trimmed, in capitals ("cd56" and "CD56" are the same department).</summary>
    public static string NormalizeCode(string code) => code.Trim().ToUpperInvariant();

    public static bool IsValidCode(string code) => CodeShape().IsMatch(NormalizeCode(code));

    public void Rename(string code, string name)
    {
        var clean = NormalizeCode(code);
        if (!CodeShape().IsMatch(clean))
            throw new DomainRuleException("Le code compte de 2 à 16 lettres ou chiffres, sans espace ni accent (par exemple CD56).");
        var trimmed = name.Trim();
        if (trimmed.Length == 0) throw new DomainRuleException("Saisissez le nom du département.");
        if (trimmed.Length > MaxNameLength) throw new DomainRuleException("Le nom ne peut pas dépasser 120 caractères.");
        Code = clean;
        Name = trimmed;
    }

    /// <summary>The days interviews are expected on (ISO, Monday = 1); a slot on another day is warned about.</summary>
    public void ChangeWorkingDays(IEnumerable<int> days)
    {
        var list = days.Distinct().Order().ToList();
        if (list.Count == 0) throw new DomainRuleException("Cochez au moins un jour travaillé.");
        if (list.Any(d => d is < 1 or > 7)) throw new DomainRuleException("Un des jours cochés n'existe pas.");
        WorkingDays = list;
    }

    /// <summary>The working day's window; a slot outside is warned about when scheduling.</summary>
    public void ChangeWorkingHours(TimeOnly start, TimeOnly end)
    {
        if (end <= start) throw new DomainRuleException("La fin de la journée doit venir après son début.");
        WorkDayStart = start;
        WorkDayEnd = end;
    }

    /// <summary>How often a new person is contacted unless their file says otherwise.</summary>
    public void ChangeDefaultContactFrequency(int days)
    {
        if (days is < MinContactFrequencyDays or > MaxContactFrequencyDays)
            throw new DomainRuleException("La fréquence de contact par défaut est comprise entre 1 et 365 jours.");
        DefaultContactFrequencyDays = days;
    }

    /// <summary>After how many days without contact a person is flagged.</summary>
    public void ChangeNotContactedAlert(int days)
    {
        if (days is < MinAlertDays or > MaxAlertDays)
            throw new DomainRuleException("Le délai d'alerte est compris entre 1 et 730 jours.");
        NotContactedAlertDays = days;
    }

    /// <summary>The hours no SMS is sent; the period may span midnight (19:00 → 08:30).</summary>
    public void ChangeSmsQuietPeriod(TimeOnly from, TimeOnly until)
    {
        if (from == until) throw new DomainRuleException("La période sans SMS doit finir à une autre heure que celle où elle commence.");
        SmsQuietFrom = from;
        SmsQuietUntil = until;
    }

    /// <summary>Every account of the department signs in with a second factor, not only administrators and team leads.</summary>
    public bool RequireTwoFactorForAll { get; private set; }

    /// <summary>How long « Se souvenir de ce navigateur » spares the second factor, in days (0 = never remembered).</summary>
    public int TrustedBrowserDays { get; private set; } = DefaultTrustedBrowserDays;

    /// <summary>A session unused this long ends; the person signs in again.</summary>
    public int IdleTimeoutMinutes { get; private set; } = DefaultIdleTimeoutMinutes;

    public const int DefaultTrustedBrowserDays = 7;
    public const int MaxTrustedBrowserDays = 30;
    public const int DefaultIdleTimeoutMinutes = 30;
    public const int MinIdleTimeoutMinutes = 5;
    public const int MaxIdleTimeoutMinutes = 120;

    /// <summary>The sign-in settings, within the limits the security of personal data allows.</summary>
    public void ChangeSignInSettings(bool requireTwoFactorForAll, int trustedBrowserDays, int idleTimeoutMinutes)
    {
        if (trustedBrowserDays is < 0 or > MaxTrustedBrowserDays)
            throw new Common.DomainRuleException($"Un navigateur peut être mémorisé de 0 à {MaxTrustedBrowserDays} jours.");
        if (idleTimeoutMinutes is < MinIdleTimeoutMinutes or > MaxIdleTimeoutMinutes)
            throw new Common.DomainRuleException($"La déconnexion après inactivité est comprise entre {MinIdleTimeoutMinutes} et {MaxIdleTimeoutMinutes} minutes.");
        RequireTwoFactorForAll = requireTwoFactorForAll;
        TrustedBrowserDays = trustedBrowserDays;
        IdleTimeoutMinutes = idleTimeoutMinutes;
    }

    /// <summary>The most participants a group session of the department may have (the guide advises 4 to 6).</summary>
    public int GroupMaxParticipants { get; private set; } = DefaultGroupMaxParticipants;

    public const int DefaultGroupMaxParticipants = 8;
    public const int MaxGroupMaxParticipants = 20;

    public void ChangeGroupMaxParticipants(int max)
    {
        if (max is < Groups.GroupRules.MinCapacity or > MaxGroupMaxParticipants)
            throw new DomainRuleException($"Le nombre maximal de participants à une séance de groupe est compris entre {Groups.GroupRules.MinCapacity} et {MaxGroupMaxParticipants}.");
        GroupMaxParticipants = max;
    }

    public bool IsWorkingTime(DateTime localTime, TimeSpan duration)
    {
        var day = localTime.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)localTime.DayOfWeek;
        if (!WorkingDays.Contains(day)) return false;
        var start = TimeOnly.FromDateTime(localTime);
        var end = TimeOnly.FromDateTime(localTime + duration);
        return start >= WorkDayStart && end <= WorkDayEnd && end >= start;
    }

    public bool IsSmsQuietTime(TimeOnly local) =>
        SmsQuietFrom > SmsQuietUntil
            ? local >= SmsQuietFrom || local < SmsQuietUntil
            : local >= SmsQuietFrom && local < SmsQuietUntil;

    [GeneratedRegex("^[A-Z0-9]{2,16}$")]
    private static partial Regex CodeShape();
}

public sealed class Team : Common.IDepartmentScoped
{
    public int Id { get; set; }
    public int DepartmentId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; set; }
}

/// <summary>A video tool the department approved, with the privacy note shown to the worker who picks it.</summary>
public sealed class VideoTool : Common.IDepartmentScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int DepartmentId { get; set; }
    public string Name { get; set; } = "";
    public string PrivacyNote { get; set; } = "";
    public bool IsActive { get; set; } = true;
}
