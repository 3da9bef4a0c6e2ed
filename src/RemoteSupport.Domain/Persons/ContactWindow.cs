using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Persons;

/// <summary>
/// When the person prefers to be contacted: ISO days (Monday = 1 … Sunday = 7; none means any working day) and an
/// hour range in Paris time (both ends, or none). The one representation of a preferred window: the person's page, the
/// scheduling page and the slot warnings all read it from here, in the same words.
/// </summary>
public sealed record ContactWindow
{
    private ContactWindow(IReadOnlyList<int> days, TimeOnly? from, TimeOnly? until) => (Days, From, Until) = (days, from, until);

    public IReadOnlyList<int> Days { get; }
    public TimeOnly? From { get; }
    public TimeOnly? Until { get; }

    public static readonly ContactWindow Any = new([], null, null);

    /// <summary>Two windows are equal when they say the same days and hours.</summary>
    public bool Equals(ContactWindow? other) =>
        other is not null && Days.SequenceEqual(other.Days) && From == other.From && Until == other.Until;

    public override int GetHashCode() => HashCode.Combine(string.Join(',', Days), From, Until);

    public bool HasHours => From is not null || Until is not null;
    public bool IsAny => Days.Count == 0 && !HasHours;

    /// <summary>Is this a window a person can state? Days of the week only; both hours or none, the first before the second.</summary>
    public static RuleResult Check(IEnumerable<int> days, TimeOnly? from, TimeOnly? until)
    {
        if (days.Any(d => d is < 1 or > 7)) return RuleResult.Refuse("Un des jours choisis n'existe pas : cochez des jours de la liste.");
        if ((from is null) != (until is null))
            return RuleResult.Refuse("Indiquez l'heure de début et l'heure de fin, ou aucune des deux s'il n'y a pas de préférence d'horaire.");
        if (from is { } f && until is { } u && f >= u) return RuleResult.Refuse("L'heure de fin doit être après l'heure de début.");
        return RuleResult.Ok;
    }

    /// <summary>A new window, as a worker states it; a half-filled or reversed range is refused.</summary>
    public static ContactWindow Create(IEnumerable<int> days, TimeOnly? from, TimeOnly? until)
    {
        var list = days.Distinct().Order().ToList();
        var check = Check(list, from, until);
        if (!check.Allowed) throw new DomainRuleException(check.Reason!);
        return new ContactWindow(list, from, until);
    }

    /// <summary>A window as stored. Rows written before the rule may hold one hour only: they are read as they are.</summary>
    public static ContactWindow Restore(IEnumerable<int> days, TimeOnly? from, TimeOnly? until) =>
        new(days.Where(d => d is >= 1 and <= 7).Distinct().Order().ToList(), from, until);

    /// <summary>Does a contact starting at <paramref name="localStart"/> (Paris time) and lasting <paramref name="duration"/> fit?</summary>
    public bool Contains(DateTime localStart, TimeSpan duration)
    {
        var day = localStart.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)localStart.DayOfWeek;
        if (Days.Count > 0 && !Days.Contains(day)) return false;
        var start = TimeOnly.FromDateTime(localStart);
        var end = TimeOnly.FromDateTime(localStart + duration);
        if (From is { } from && start < from) return false;
        if (Until is { } until && end > until) return false;
        return true;
    }

    private static readonly string[] DayNames = ["", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

    /// <summary>The days, in words ("lundi, mardi") or "tous les jours ouvrés".</summary>
    public string DaysText => Days.Count == 0 ? "tous les jours ouvrés" : string.Join(", ", Days.Select(d => DayNames[d]));

    /// <summary>The hours, in words ("de 09:30 à 16:00"), or "pas de préférence d'horaire".</summary>
    public string HoursText => (From, Until) switch
    {
        (null, null) => "pas de préférence d'horaire",
        ({ } f, null) => $"à partir de {f:HH\\:mm}",
        (null, { } u) => $"jusqu'à {u:HH\\:mm}",
        ({ } f, { } u) => $"de {f:HH\\:mm} à {u:HH\\:mm}",
    };

    /// <summary>The whole window in one phrase: "pas de préférence", or "lundi, jeudi, de 09:30 à 16:00".</summary>
    public string Describe() => IsAny ? "pas de préférence" : $"{DaysText}, {HoursText}";
}
