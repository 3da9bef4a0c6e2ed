namespace RemoteSupport.Web.Infrastructure;

/// <summary>Times are stored in UTC and shown and typed in the departments' time zone (metropolitan France).</summary>
public static class FrenchTime
{
    public static readonly TimeZoneInfo Zone = RemoteSupport.Domain.Common.ParisTime.Zone;

    public static DateTime ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone).DateTime;

    public static DateTimeOffset FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToLocal(clock.GetUtcNow()));

    public static string Format(DateTimeOffset? utc) => utc is { } u ? ToLocal(u).ToString("dd/MM/yyyy 'à' HH:mm") : "—";
    public static string FormatDate(DateTimeOffset? utc) => utc is { } u ? ToLocal(u).ToString("dd/MM/yyyy") : "—";
    public static string FormatDate(DateOnly? d) => d is { } x ? x.ToString("dd/MM/yyyy") : "—";
}
