using System.Globalization;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Domain.Messages;

/// <summary>What the sender does with a due message.</summary>
public abstract record SendDecision
{
    public sealed record SendNow : SendDecision;
    public sealed record Wait(DateTimeOffset Until, string Reason) : SendDecision;
    public sealed record Cancel(string Reason) : SendDecision;
}

/// <summary>The interview (or group session) a message is about, as the rules need it.</summary>
public sealed record InterviewState(InterviewStatus Status, DateTimeOffset ScheduledAt)
{
    /// <summary>A group session as the same rules read it: planned, held (completed) or cancelled.</summary>
    public static InterviewState OfGroup(Groups.GroupSessionStatus status, DateTimeOffset scheduledAt) => new(status switch
    {
        Groups.GroupSessionStatus.Planned => InterviewStatus.Planned,
        Groups.GroupSessionStatus.Held => InterviewStatus.Completed,
        _ => InterviewStatus.Cancelled,
    }, scheduledAt);
}

/// <summary>
/// Whether a message may leave now, and if not, when: the person's consent to the channel, the interview still to come,
/// the department's working days and hours and « période sans SMS », the person's preferred days and hours.
/// </summary>
public static class SendingRules
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>How far ahead the next allowed moment is looked for.</summary>
    public const int SearchDays = 21;

    public static SendDecision Decide(OutboxMessage message, Department department, AccompaniedPerson person,
        IEnumerable<ConsentRecord> consents, InterviewState? interview, DateTimeOffset now)
    {
        if (PersonRefusal(person) is { } barred) return new SendDecision.Cancel(barred);
        var consent = ConsentPolicy.MayContact(consents, message.Channel.ConsentModality(), now);
        if (!consent.Allowed) return new SendDecision.Cancel($"Pas d'accord pour les {message.Channel.French()}s : {Lower(consent.Reason)}");

        if ((message.InterviewId ?? message.GroupSessionId) is not null && !message.Purpose.AnnouncesCancellation() && message.Purpose != MessagePurpose.Free)
        {
            var group = message.GroupSessionId is not null;
            if (interview is null) return new SendDecision.Cancel(group ? "La séance de groupe annoncée n'existe plus." : "L'entretien annoncé n'existe plus.");
            if (interview.Status != InterviewStatus.Planned)
                return new SendDecision.Cancel(group
                    ? "La séance de groupe n'est plus prévue : le message n'a plus d'objet."
                    : $"L'entretien n'est plus prévu (statut : {interview.Status.French().ToLowerInvariant()}) : le message n'a plus d'objet.");
            if (interview.ScheduledAt <= now)
                return new SendDecision.Cancel(group
                    ? "La séance de groupe a déjà commencé : le message aurait été envoyé trop tard."
                    : "L'entretien a déjà commencé : le message aurait été envoyé trop tard.");
        }
        if (message.NotAfter is { } limit && limit <= now)
            return new SendDecision.Cancel("Le moment d'envoyer ce message est passé : il aurait été envoyé trop tard.");

        var next = NextAllowed(now, message.Channel, department, person);
        if (next is null) return new SendDecision.Cancel("Aucun moment permis dans les trois semaines qui viennent (jours ouvrés, horaires, préférences de la personne).");
        if (next.Value <= now) return new SendDecision.SendNow();
        if (message.NotAfter is { } deadline && next.Value >= deadline)
            return new SendDecision.Cancel(
                $"Le prochain moment permis ({Format(next.Value)}) serait trop tard pour ce message : il est annulé plutôt qu'envoyé en retard.");
        return new SendDecision.Wait(next.Value, $"En attente du prochain moment permis : {Format(next.Value)} ({WhyNotNow(now, message.Channel, department, person)}).");
    }

    /// <summary>
    /// Why no message of any kind may leave for this person whatever their consents (right to object, restriction of
    /// processing, a closed or anonymised file), or null. Asked when a message is planned and again when it would leave.
    /// </summary>
    public static string? PersonRefusal(AccompaniedPerson person)
    {
        if (person.MayReceiveMessages) return null;
        if (person.ObjectsToMessages) return "La personne s'oppose aux messages : aucun message ne lui est envoyé.";
        if (person.ProcessingRestricted) return "Le traitement du dossier est limité : aucun message n'est envoyé.";
        return "Le suivi est clos : aucun message n'est envoyé.";
    }

    /// <summary>
    /// The first moment at or after <paramref name="from"/> when a message may reach the person: a working day of the
    /// department, inside its working hours, a day and an hour the person prefers, and for an SMS outside the
    /// « période sans SMS ». Null when none comes in <see cref="SearchDays"/> days.
    /// </summary>
    public static DateTimeOffset? NextAllowed(DateTimeOffset from, MessageChannel channel, Department department, AccompaniedPerson person)
    {
        var local = TimeZoneInfo.ConvertTime(from, Paris).DateTime;
        for (var d = 0; d < SearchDays; d++)
        {
            var day = DateOnly.FromDateTime(local).AddDays(d);
            var iso = day.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)day.DayOfWeek;
            if (!department.WorkingDays.Contains(iso)) continue;
            if (person.PreferredDays.Count > 0 && !person.PreferredDays.Contains(iso)) continue;

            var start = department.WorkDayStart;
            var end = department.WorkDayEnd;
            if (person.PreferredTimeFrom is { } pf && pf > start) start = pf;
            if (person.PreferredTimeUntil is { } pu && pu < end) end = pu;
            var t = d == 0 ? Max(start, TimeOnly.FromDateTime(local)) : start;
            if (channel == MessageChannel.Sms && department.IsSmsQuietTime(t))
            {
                // Quiet until its end on the same day, or (a period running past midnight, after its start) until tomorrow.
                if (department.SmsQuietUntil > t) t = department.SmsQuietUntil;
                else continue;
            }
            if (t >= end) continue;
            if (channel == MessageChannel.Sms && department.IsSmsQuietTime(t)) continue;
            var at = ToUtc(day.ToDateTime(t));
            return at < from ? from : at;
        }
        return null;
    }

    private static string WhyNotNow(DateTimeOffset now, MessageChannel channel, Department department, AccompaniedPerson person)
    {
        var local = TimeZoneInfo.ConvertTime(now, Paris).DateTime;
        var time = TimeOnly.FromDateTime(local);
        var iso = local.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)local.DayOfWeek;
        if (!department.WorkingDays.Contains(iso)) return "jour non travaillé";
        if (channel == MessageChannel.Sms && department.IsSmsQuietTime(time)) return "période sans SMS";
        if (time < department.WorkDayStart || time >= department.WorkDayEnd) return "hors des horaires du service";
        return "hors des jours ou heures préférés de la personne";
    }

    public static DateTimeOffset ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Paris.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    public static string Format(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Paris).ToString("dd/MM/yyyy 'à' HH:mm", CultureInfo.InvariantCulture);

    private static TimeOnly Max(TimeOnly a, TimeOnly b) => a > b ? a : b;

    private static string Lower(string? s) => string.IsNullOrEmpty(s) ? "" : char.ToLowerInvariant(s[0]) + s[1..];

    /// <summary>
    /// When a reminder should leave: the department's delay before the interview. It must leave at least
    /// <see cref="ReminderMinimumNotice"/> before the start, or not at all.
    /// </summary>
    public static (DateTimeOffset DueAt, DateTimeOffset NotAfter) ReminderWindow(DateTimeOffset interviewAt, int hoursBefore) =>
        (interviewAt.AddHours(-hoursBefore), interviewAt - ReminderMinimumNotice);

    public static readonly TimeSpan ReminderMinimumNotice = TimeSpan.FromHours(1);

    /// <summary>« Envoyer un rappel maintenant »: only for an interview still planned and still to come.</summary>
    public static RuleResult MayRemindNow(InterviewStatus status, DateTimeOffset scheduledAt, DateTimeOffset now) =>
        status == InterviewStatus.Planned && scheduledAt > now
            ? RuleResult.Ok
            : RuleResult.Refuse("Seul un entretien prévu et à venir peut faire l'objet d'un rappel.");

    /// <summary>
    /// A withdrawal (or refusal) of a channel cancels every message still planned on it at once, with the reason.
    /// Returns the messages it cancelled.
    /// </summary>
    public static IReadOnlyList<OutboxMessage> CancelPlannedOnWithdrawal(IEnumerable<OutboxMessage> messages, ConsentRecord answer, DateTimeOffset now)
    {
        if (answer.Decision == ConsentDecision.Granted) return [];
        var cancelled = new List<OutboxMessage>();
        foreach (var m in messages.Where(m => m.PersonId == answer.PersonId && m.IsPlanned && m.Channel.ConsentModality() == answer.Modality))
        {
            m.Cancel(answer.Decision == ConsentDecision.Withdrawn
                ? $"La personne a retiré son accord pour les {m.Channel.French()}s le {Format(answer.DecidedAt)}."
                : $"La personne a refusé les {m.Channel.French()}s le {Format(answer.DecidedAt)}.", now);
            cancelled.Add(m);
        }
        return cancelled;
    }
}

/// <summary>What an SMS may and may not carry, and what it costs.</summary>
public static class SmsRules
{
    /// <summary>The GSM 03.38 basic set: a text entirely in it is sent 160 characters per segment, otherwise 70.</summary>
    private const string Gsm7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Gsm7Extended = "^{}\\[~]|€";

    public static bool IsGsm7(string text) => text.All(c => Gsm7.Contains(c) || Gsm7Extended.Contains(c));

    /// <summary>Length as the network counts it (an extended GSM character counts twice).</summary>
    public static int Length(string text) => IsGsm7(text) ? text.Sum(c => Gsm7Extended.Contains(c) ? 2 : 1) : text.Length;

    public static int Segments(string text)
    {
        if (text.Length == 0) return 0;
        var gsm = IsGsm7(text);
        var length = Length(text);
        var single = gsm ? 160 : 70;
        var multi = gsm ? 153 : 67;
        return length <= single ? 1 : (length + multi - 1) / multi;
    }

    /// <summary>
    /// An SMS shows on a locked screen and may be read by anyone near the phone: it never carries the interview's
    /// objectives nor anything of the person's situation. <paramref name="sensitive"/> are the texts it must not contain.
    /// </summary>
    public static RuleResult CarriesNoSensitiveDetail(string text, IEnumerable<string?> sensitive)
    {
        foreach (var s in sensitive)
        {
            if (string.IsNullOrWhiteSpace(s) || s.Trim().Length < 4) continue;
            if (text.Contains(s.Trim(), StringComparison.OrdinalIgnoreCase))
                return RuleResult.Refuse("Un SMS ne doit contenir ni les objectifs de l'entretien ni rien de la situation de la personne : il peut être lu par un tiers.");
        }
        return RuleResult.Ok;
    }
}

