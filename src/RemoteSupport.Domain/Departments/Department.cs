namespace RemoteSupport.Domain.Departments;

public sealed class Department
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>Concurrency token (PostgreSQL xmin): two administrators cannot silently overwrite each other's settings.</summary>
    public uint Version { get; set; }

    /// <summary>Working days, Monday = 1 … Sunday = 7 (ISO).</summary>
    public List<int> WorkingDays { get; set; } = [1, 2, 3, 4, 5];
    public TimeOnly WorkDayStart { get; set; } = new(9, 0);
    public TimeOnly WorkDayEnd { get; set; } = new(17, 30);
    public int DefaultContactFrequencyDays { get; set; } = 30;

    /// <summary>After this many days without contact a person counts as "not contacted for too long".</summary>
    public int NotContactedAlertDays { get; set; } = 45;
    public TimeOnly SmsQuietFrom { get; set; } = new(19, 0);
    public TimeOnly SmsQuietUntil { get; set; } = new(8, 30);

    /// <summary>Every account of the department signs in with a second factor, not only administrators and team leads.</summary>
    public bool RequireTwoFactorForAll { get; set; }

    /// <summary>How long « Se souvenir de ce navigateur » spares the second factor, in days (0 = never remembered).</summary>
    public int TrustedBrowserDays { get; set; } = DefaultTrustedBrowserDays;

    /// <summary>A session unused this long ends; the person signs in again.</summary>
    public int IdleTimeoutMinutes { get; set; } = DefaultIdleTimeoutMinutes;

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
