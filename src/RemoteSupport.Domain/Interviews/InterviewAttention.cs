using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;

namespace RemoteSupport.Domain.Interviews;

/// <summary>What the agenda's « points d'attention » column says about an upcoming interview.</summary>
public enum AttentionPoint
{
    ConsentWithdrawn,
    ConsentMissing,
    PreparationIncomplete,
    SmsReminderCancelled,
    OutsideWorkingHours,
    NeverMetFaceToFace,
}

/// <summary>What the agenda knows about one upcoming interview, read in one query for the whole list.</summary>
public sealed record UpcomingInterview(Modality Modality, InterviewStatus Status, DateTimeOffset ScheduledAt, bool SendSmsReminder,
    int RequiredBeforeLeft, bool WithinWorkingHours, bool FirstMeetingPending);

public static class InterviewAttention
{
    /// <summary>The checklist's "before" phase is flagged when the interview comes within this delay.</summary>
    public static readonly TimeSpan PreparationDelay = TimeSpan.FromHours(24);

    /// <summary>
    /// The points to look at before an interview: its modality's consent is gone or was never given, its preparation is
    /// late, its SMS reminder will not be sent any more (the person no longer accepts SMS), its slot lies outside the
    /// service's working hours, or the person was never met face to face.
    /// </summary>
    public static IReadOnlyList<AttentionPoint> For(UpcomingInterview interview, IEnumerable<ConsentRecord> consents, DateTimeOffset now)
    {
        var history = consents as IReadOnlyCollection<ConsentRecord> ?? consents.ToList();
        var points = new List<AttentionPoint>();
        switch (ConsentPolicy.StateAt(history, interview.Modality, now).Decision)
        {
            case null: points.Add(AttentionPoint.ConsentMissing); break;
            case ConsentDecision.Refused or ConsentDecision.Withdrawn: points.Add(AttentionPoint.ConsentWithdrawn); break;
            case ConsentDecision.Granted: break;
        }
        if (interview.Status == InterviewStatus.Planned && interview.RequiredBeforeLeft > 0 && interview.ScheduledAt <= now + PreparationDelay)
            points.Add(AttentionPoint.PreparationIncomplete);
        if (interview.SendSmsReminder && !ConsentPolicy.MayContact(history, Modality.Sms, now).Allowed)
            points.Add(AttentionPoint.SmsReminderCancelled);
        if (!interview.WithinWorkingHours) points.Add(AttentionPoint.OutsideWorkingHours);
        if (interview.FirstMeetingPending) points.Add(AttentionPoint.NeverMetFaceToFace);
        return points;
    }

    public static string French(this AttentionPoint point) => point switch
    {
        AttentionPoint.ConsentWithdrawn => "Consentement retiré",
        AttentionPoint.ConsentMissing => "Consentement absent",
        AttentionPoint.PreparationIncomplete => "Préparation incomplète",
        AttentionPoint.SmsReminderCancelled => "Rappel SMS annulé",
        AttentionPoint.OutsideWorkingHours => "Hors horaires de travail",
        AttentionPoint.NeverMetFaceToFace => "Pas encore de rencontre physique",
    };

    /// <summary>Consent problems block the interview; the others ask for a look.</summary>
    public static bool IsBlocking(this AttentionPoint point) => point is AttentionPoint.ConsentWithdrawn or AttentionPoint.ConsentMissing;
}
