using System.Globalization;
using System.Linq.Expressions;
using FluentValidation;

namespace RemoteSupport.Web.Infrastructure;

/// <summary>
/// The one parser of dates and times typed in French local time, as text (a date field may send "2026-11-24" from a
/// date picker or "24/11/2026" typed by hand): a bad value gets a French message from the validator, never a binding
/// error.
/// </summary>
public static class LocalDateTime
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];
    private static readonly string[] TimeFormats = ["HH:mm", "H:mm", "HH'h'mm", "H'h'mm", "HH'h'", "H'h'", "HH:mm:ss"];

    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>The UTC instant of a local date and time, or null when either does not parse.</summary>
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
}
