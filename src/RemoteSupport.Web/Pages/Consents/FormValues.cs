using System.Globalization;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Consents;

/// <summary>
/// The consent forms bind raw strings and parse them here, so a tampered or malformed value (an unknown modality,
/// "abc" in a date) reaches the validator and gets a French message next to its field instead of a binding error.
/// </summary>
public static class FormValues
{
    /// <summary>An enum member by its exact name; numbers and undefined values are refused.</summary>
    public static bool TryEnum<T>(string? value, out T result) where T : struct, Enum
    {
        result = default;
        return !string.IsNullOrWhiteSpace(value) && char.IsLetter(value.Trim()[0])
            && Enum.TryParse(value.Trim(), ignoreCase: false, out result) && Enum.IsDefined(result);
    }

    public static bool IsEnum<T>(string? value) where T : struct, Enum => TryEnum<T>(value, out _);

    public static T? EnumOrNull<T>(string? value) where T : struct, Enum => TryEnum<T>(value, out var v) ? v : null;

    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];

    /// <summary>A local (Europe/Paris) date and time as a datetime-local field sends it.</summary>
    public static bool TryLocalDateTime(string? value, out DateTime local) =>
        DateTime.TryParseExact(value?.Trim(), DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);

    public static DateTimeOffset? UtcFromLocal(string? value) => TryLocalDateTime(value, out var local) ? FrenchTime.FromLocal(local) : null;

    public static string LocalInput(DateTimeOffset utc) => FrenchTime.ToLocal(utc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss"];

    /// <summary>A time of day as a time field sends it ("09:30").</summary>
    public static bool TryTime(string? value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static string TimeInput(TimeOnly? time) => time?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "";
}

/// <summary>How a consent state reads in a sentence (flash messages); views use the same words through the localizer.</summary>
public static class ConsentDisplay
{
    public static string Describe(ConsentState state) => state.Decision switch
    {
        ConsentDecision.Granted => $"accordé depuis le {FrenchTime.FormatDate(state.Since)}",
        ConsentDecision.Refused => $"refusé le {FrenchTime.FormatDate(state.Since)}",
        ConsentDecision.Withdrawn => $"retiré le {FrenchTime.FormatDate(state.Since)}",
        _ => "jamais recueilli",
    };
}
