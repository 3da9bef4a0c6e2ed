using System.Globalization;
using System.Linq.Expressions;
using FluentValidation;

namespace RemoteSupport.Web.Infrastructure;

/// <summary>
/// The one parser of local (Europe/Paris) dates and times typed in forms, and the one way to write them back into a
/// field. Forms bind these values as text and the validators parse them here, so a malformed or tampered value gets a
/// French message next to its field. Dates as &lt;input type="date"&gt; sends them (2026-11-24), times as
/// &lt;input type="time"&gt; (14:30), both as &lt;input type="datetime-local"&gt; (2026-11-24T14:30).
/// </summary>
public static class LocalDateTime
{
    // ISO from a date picker, or typed by hand in the French order where a browser shows a plain text field.
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];
    private static readonly string[] TimeFormats = ["HH:mm", "H:mm", "HH'h'mm", "H'h'mm", "HH'h'", "H'h'", "HH:mm:ss"];
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];

    public static bool TryDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryTime(string? value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>A date and a time in one field; the caller checks the year before converting (year 1 cannot reach UTC).</summary>
    public static bool TryDateTime(string? value, out DateTime local) =>
        DateTime.TryParseExact(value?.Trim(), DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);

    /// <summary>Years a contact, an answer or an appointment can plausibly have: outside, time zone arithmetic may overflow.</summary>
    public static bool IsPlausibleYear(int year) => year is >= 2000 and <= 2100;

    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time) => FrenchTime.FromLocal(date.ToDateTime(time));

    public static DateTimeOffset ToUtc(DateTime local) => FrenchTime.FromLocal(local);

    public static DateTimeOffset? ToUtc(string? dateTime) => TryDateTime(dateTime, out var local) ? FrenchTime.FromLocal(local) : null;

    public static string DateText(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string TimeText(TimeOnly? time) => time?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The UTC instant of a local date and time typed in two fields, or null when either does not parse.</summary>
    public static DateTimeOffset? ToUtc(string? date, string? time) =>
        TryDate(date, out var d) && TryTime(time, out var t) ? FrenchTime.FromLocal(d.ToDateTime(t)) : null;

    /// <summary>The local time of an instant as a time field shows it.</summary>
    public static string TimeText(DateTimeOffset utc) => FrenchTime.ToLocal(utc).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Date and time fields of a slot: real values, in the future, within two years.</summary>
    public static void AddSlotRules<T>(this AbstractValidator<T> v, Expression<Func<T, string?>> date, Expression<Func<T, string?>> time,
        TimeProvider clock, Func<T, bool>? when = null)
    {
        var readTime = time.Compile();
        when ??= _ => true;
        v.RuleFor(date).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Indiquez la date.")
            .Must(d => TryDate(d, out _)).WithMessage("Saisissez une date qui existe, par exemple 24/11/2026.")
            .Must((c, d) => ToUtc(d, readTime(c)) is not { } at || at > clock.GetUtcNow())
            .WithMessage("Cette date et cette heure sont déjà passées.")
            .Must((c, d) => ToUtc(d, readTime(c)) is not { } at || at <= clock.GetUtcNow().AddYears(2))
            .WithMessage("Choisissez une date dans les deux ans qui viennent.")
            .When(when);
        v.RuleFor(time).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Indiquez l'heure de début.")
            .Must(t => TryTime(t, out _)).WithMessage("Saisissez une heure, par exemple 14:30.")
            .When(when);
    }

    /// <summary>A UTC moment as a datetime-local field shows it, in Paris time.</summary>
    public static string DateTimeText(DateTimeOffset utc) => FrenchTime.ToLocal(utc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>
/// The one way forms read a choice: an enum member by its exact name. Numbers ("1") and undefined names are refused,
/// so a tampered value gets the field's French message rather than a silent other choice.
/// </summary>
public static class FormEnum
{
    public static bool TryParse<T>(string? value, out T result) where T : struct, Enum
    {
        result = default;
        return !string.IsNullOrWhiteSpace(value) && char.IsLetter(value.Trim()[0])
            && Enum.TryParse(value.Trim(), ignoreCase: false, out result) && Enum.IsDefined(result);
    }

    public static bool TryParse(Type enumType, string? value, out object? result)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(value) || !char.IsLetter(value.Trim()[0])) return false;
        if (!Enum.TryParse(enumType, value.Trim(), ignoreCase: false, out var parsed) || !Enum.IsDefined(enumType, parsed!)) return false;
        result = parsed;
        return true;
    }

    public static bool Is<T>(string? value) where T : struct, Enum => TryParse<T>(value, out _);

    public static T? OrNull<T>(string? value) where T : struct, Enum => TryParse<T>(value, out var v) ? v : null;
}
