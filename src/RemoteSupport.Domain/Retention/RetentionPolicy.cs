using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Domain.Retention;

/// <summary>
/// When a person leaves the active base (CNIL 2022-008 / 2023-095): the department's active period after the last
/// contact. With no contact ever, the period runs from the file's creation; a closure later than the last contact counts
/// as the last exchange.
/// </summary>
public static class RetentionPolicy
{
    /// <summary>How far ahead team leads are warned.</summary>
    public static readonly TimeSpan WarningWindow = TimeSpan.FromDays(30);

    public static DateTimeOffset LastActivity(DateTimeOffset createdAt, DateTimeOffset? lastContactAt, DateTimeOffset? closedAt)
    {
        var last = createdAt;
        if (lastContactAt > last) last = lastContactAt.Value;
        if (closedAt > last) last = closedAt.Value;
        return last;
    }

    /// <summary>The moment from which the person is anonymised.</summary>
    public static DateTimeOffset AnonymiseFrom(DateTimeOffset lastActivity, int activePeriodMonths) => lastActivity.AddMonths(activePeriodMonths);

    /// <summary>The latest last activity that is due at <paramref name="now"/>: a person is due when last activity &lt;= this.</summary>
    public static DateTimeOffset DueIfLastActivityAtOrBefore(DateTimeOffset now, int activePeriodMonths) => now.AddMonths(-activePeriodMonths);

    public static bool IsDue(AccompaniedPerson person, int activePeriodMonths, DateTimeOffset now) =>
        // A restricted file is kept as it is until the restriction is lifted (GDPR art. 18: storage only).
        !person.IsAnonymised && !person.IsRetentionHeld && !person.ProcessingRestricted
        && AnonymiseFrom(LastActivity(person.CreatedAt, person.LastContactAt, person.ClosedAt), activePeriodMonths) <= now;
}
