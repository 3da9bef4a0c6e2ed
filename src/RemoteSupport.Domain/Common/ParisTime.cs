namespace RemoteSupport.Domain.Common;

/// <summary>The departments' time zone (metropolitan France): rules about hours of the day read local time here.</summary>
public static class ParisTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static DateTime ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone).DateTime;
}
