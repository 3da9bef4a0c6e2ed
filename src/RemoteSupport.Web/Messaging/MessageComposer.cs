using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Groups;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Messaging;

/// <summary>What the worker chose at scheduling for the invitation e-mail.</summary>
public sealed class InvitationInput
{
    public const int JoinInstructionsMaxLength = 1000;

    /// <summary>Send the invitation e-mail (the form's checkbox).</summary>
    public bool Send { get; set; }
    /// <summary>For video: the link or the instructions to join.</summary>
    public string? JoinInstructions { get; set; }
    /// <summary>Share the objectives in the e-mail (the worker decides).</summary>
    public bool ShareObjectives { get; set; } = true;

    public sealed class Validator : AbstractValidator<InvitationInput>
    {
        public Validator()
        {
            RuleFor(i => i.JoinInstructions).FreeText("Les consignes pour rejoindre", JoinInstructionsMaxLength, plural: true);
        }
    }
}

/// <summary>The texts of one message, rendered and ready to store.</summary>
public sealed record ComposedMessage(string? Subject, string Body, string? Html, string? Calendar);

/// <summary>
/// Fills a department's text (or the default) with the facts of a person and an interview, in plain French, times in
/// Europe/Paris; for e-mails adds the HTML version and, for an interview, the .ics event.
/// </summary>
public sealed partial class MessageComposer(AppDbContext db)
{
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public sealed record Worker(string Name, string? Email, string? Phone);

    public async Task<(string? Subject, string Body)> TextAsync(int departmentId, MessagePurpose purpose, MessageChannel channel, CancellationToken ct)
    {
        var custom = await db.MessageTemplates.AsNoTracking()
            .Where(t => t.DepartmentId == departmentId && t.Purpose == purpose && t.Channel == channel)
            .Select(t => new { t.Subject, t.Body })
            .FirstOrDefaultAsync(ct);
        return custom is null ? MessageTemplates.Default(purpose, channel) : (custom.Subject, custom.Body);
    }

    public async Task<Worker> WorkerAsync(Guid workerId, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.Id == workerId)
            .Select(u => new Worker(u.DisplayName, u.Email, u.PhoneNumber)).FirstAsync(ct);

    /// <summary>The values of every placeholder for an interview message.</summary>
    public async Task<Dictionary<string, string?>> InterviewValuesAsync(AccompaniedPerson person, Interview interview, Worker worker,
        InvitationInput? invitation, DateTimeOffset? formerTime, CancellationToken ct)
    {
        var department = await db.Departments.AsNoTracking().Where(d => d.Id == person.DepartmentId).Select(d => d.Name).FirstAsync(ct);
        var tool = interview.VideoToolId is { } toolId
            ? await db.VideoTools.AsNoTracking().Where(t => t.Id == toolId).Select(t => new { t.Name, t.PrivacyNote }).FirstOrDefaultAsync(ct)
            : null;
        // Issue 17: the department's easy-to-read guide for this tool or modality comes first; otherwise the video guide text.
        var guide = await Pages.Directory.Guides.PublicGuideText.ForInterviewAsync(db, person.DepartmentId, interview.Modality, interview.VideoToolId, ct)
            ?? (interview.Modality == Modality.Video ? (await TextAsync(person.DepartmentId, MessagePurpose.Guide, MessageChannel.Email, ct)).Body : null);
        var participants = interview.Participants.Count;
        var values = BaseValues(person, worker, department);
        values["date"] = DateText(interview.ScheduledAt);
        values["heure"] = TimeText(interview.ScheduledAt);
        values["modalite"] = interview.Modality == Modality.Video && tool is not null
            ? $"visioconférence, avec l'outil {tool.Name}"
            : interview.Modality.French();
        values["duree"] = DurationText(interview.DurationMinutes);
        values["connexion"] = interview.Modality == Modality.Video
            ? $"Faites un essai de connexion à {TimeText(interview.ScheduledAt.AddMinutes(-15))}, 15 minutes avant le début."
              + "\n" + (string.IsNullOrWhiteSpace(invitation?.JoinInstructions)
                  ? "Pour rejoindre : vous recevrez le lien avant le rendez-vous."
                  : "Pour rejoindre : " + invitation.JoinInstructions.Trim())
            : interview.Modality == Modality.Phone ? "Je vous appelle à l'heure du rendez-vous." : "Je vous appelle pour vous relier à l'audioconférence.";
        values["objectifs"] = invitation is { ShareObjectives: false } || string.IsNullOrWhiteSpace(interview.Objectives)
            ? null
            : "Nous parlerons de : " + interview.Objectives.Trim();
        values["participants"] = participants == 0
            ? "Nous serons 2 : vous et moi."
            : $"Nous serons {participants + 2} : vous, moi et {(participants == 1 ? "une autre personne" : $"{participants} autres personnes")}.";
        values["numero_secours"] = interview.FallbackPhone ?? worker.Phone ?? "le numéro de votre service";
        values["plan_b"] = interview.FallbackModality is { } fb
            ? $"Plan B : si la connexion coupe, nous continuons par {fb.French()}."
            : null;
        values["guide"] = guide;
        values["confidentialite"] = tool is null || string.IsNullOrWhiteSpace(tool.PrivacyNote) ? null : $"Confidentialité de l'outil {tool.Name} : {tool.PrivacyNote.Trim()}";
        values["ancienne_date"] = formerTime is { } f ? $"{DateText(f)} à {TimeText(f)}" : null;
        return values;
    }

    /// <summary>
    /// The information notice e-mail: the department's covering text (or the default), then the notice itself as plain
    /// text — the same document the printable page shows — and its HTML rendering.
    /// </summary>
    public async Task<ComposedMessage> NoticeAsync(AccompaniedPerson person, Worker worker, CancellationToken ct)
    {
        var notice = await Pages.Rights.NoticeDocument.LoadAsync(db, person.DepartmentId, ct)
            ?? throw new InvalidOperationException($"Department {person.DepartmentId} not found.");
        var department = await db.Departments.AsNoTracking().Where(d => d.Id == person.DepartmentId).Select(d => d.Name).FirstAsync(ct);
        var values = BaseValues(person, worker, department);
        var text = await TextAsync(person.DepartmentId, MessagePurpose.Notice, MessageChannel.Email, ct);
        var cover = MessageTemplates.Render(text.Body, values);
        var subject = text.Subject is null ? notice.Title : MessageTemplates.Render(text.Subject, values).ReplaceLineEndings(" ");
        var body = cover + "\n\n" + notice.ToPlainText();
        return new ComposedMessage(subject, body, Html(subject, body), null);
    }

    public async Task<Dictionary<string, string?>> FreeValuesAsync(AccompaniedPerson person, Worker worker, string message, CancellationToken ct)
    {
        var department = await db.Departments.AsNoTracking().Where(d => d.Id == person.DepartmentId).Select(d => d.Name).FirstAsync(ct);
        var values = BaseValues(person, worker, department);
        values["message"] = message.Trim();
        return values;
    }

    private static Dictionary<string, string?> BaseValues(AccompaniedPerson person, Worker worker, string department) => new(StringComparer.Ordinal)
    {
        ["prenom"] = person.FirstName,
        ["travailleur"] = worker.Name,
        ["contact_travailleur"] = string.Join("\n", new[] { worker.Name, worker.Email, worker.Phone }.Where(s => !string.IsNullOrWhiteSpace(s))),
        ["service"] = $"Conseil départemental — {department}",
    };

    /// <summary>Renders a text; for an e-mail adds HTML and, with an interview, the calendar event.</summary>
    public static ComposedMessage Compose((string? Subject, string Body) text, MessageChannel channel, IReadOnlyDictionary<string, string?> values,
        Interview? interview, MessagePurpose purpose, string? organizer)
    {
        var body = MessageTemplates.Render(text.Body, values);
        if (channel == MessageChannel.Sms) return new ComposedMessage(null, body, null, null);
        var subject = text.Subject is null ? null : MessageTemplates.Render(text.Subject, values).ReplaceLineEndings(" ");
        var calendar = interview is not null && purpose is MessagePurpose.Invitation or MessagePurpose.Change or MessagePurpose.Cancellation
            ? Calendar(interview, subject ?? "Rendez-vous", values, purpose == MessagePurpose.Cancellation, organizer)
            : null;
        return new ComposedMessage(subject, body, Html(subject, body), calendar);
    }

    /// <summary>
    /// The values of every placeholder for a group session message: the session's facts and the person's first name,
    /// never another participant's name or number — only how many are registered.
    /// </summary>
    public async Task<Dictionary<string, string?>> GroupValuesAsync(AccompaniedPerson person, GroupSession session, Worker worker,
        DateTimeOffset? formerTime, CancellationToken ct)
    {
        var department = await db.Departments.AsNoTracking().Where(d => d.Id == person.DepartmentId).Select(d => d.Name).FirstAsync(ct);
        var tool = session.ToolId is { } toolId
            ? await db.VideoTools.AsNoTracking().Where(t => t.Id == toolId).Select(t => new { t.Name, t.PrivacyNote }).FirstOrDefaultAsync(ct)
            : null;
        var values = BaseValues(person, worker, department);
        values["date"] = DateText(session.ScheduledAt);
        values["heure"] = TimeText(session.ScheduledAt);
        values["modalite"] = tool is null ? session.Modality.French() : $"{session.Modality.French()}, avec l'outil {tool.Name}";
        values["duree"] = DurationText(session.DurationMinutes);
        values["theme"] = session.Theme;
        values["ordre_du_jour"] = session.Agenda;
        values["regles"] = string.IsNullOrWhiteSpace(session.SpeakingRules) ? null : "Règles de parole :\n" + session.SpeakingRules.Trim();
        values["participants"] = $"Le groupe accueille au plus {session.Capacity} personnes ; {session.SeatsTaken} {(session.SeatsTaken > 1 ? "sont inscrites" : "est inscrite")} à ce jour.";
        values["pause"] = session.Outline.FirstOrDefault(p => p.IsBreak) is { } pause
            ? $"Une pause de {pause.Minutes} minutes est prévue à {TimeText(session.ScheduledAt.AddMinutes(pause.StartMinute))}."
            : null;
        values["connexion"] = session.Modality == Modality.Video
            ? $"Faites un essai de connexion à {TimeText(session.ScheduledAt.AddMinutes(-15))}, 15 minutes avant le début.\n"
              + (string.IsNullOrWhiteSpace(session.JoinDetails) ? "Pour rejoindre : vous recevrez le lien avant la séance." : "Pour rejoindre : " + session.JoinDetails)
            : string.IsNullOrWhiteSpace(session.JoinDetails) ? "Pour rejoindre : vous recevrez le numéro et le code avant la séance." : "Pour rejoindre : " + session.JoinDetails;
        values["numero_secours"] = worker.Phone ?? "le numéro de votre service";
        values["confidentialite"] = tool is null || string.IsNullOrWhiteSpace(tool.PrivacyNote) ? null : $"Confidentialité de l'outil {tool.Name} : {tool.PrivacyNote.Trim()}";
        values["ancienne_date"] = formerTime is { } f ? $"{DateText(f)} à {TimeText(f)}" : null;
        return values;
    }

    /// <summary>A group message: rendered, with HTML for e-mail, and the calendar event for an invitation, change or cancellation.</summary>
    public static ComposedMessage ComposeGroup((string? Subject, string Body) text, MessageChannel channel, IReadOnlyDictionary<string, string?> values,
        GroupSession session, MessagePurpose purpose, string? organizer)
    {
        var body = MessageTemplates.Render(text.Body, values);
        if (channel == MessageChannel.Sms) return new ComposedMessage(null, body, null, null);
        var subject = text.Subject is null ? null : MessageTemplates.Render(text.Subject, values).ReplaceLineEndings(" ");
        var calendar = purpose is MessagePurpose.GroupInvitation or MessagePurpose.GroupChange or MessagePurpose.GroupCancellation
            ? Event(session.Id, session.CreatedAt, session.ScheduledAt, session.EndsAt, subject ?? "Séance de groupe", values,
                purpose == MessagePurpose.GroupCancellation, organizer)
            : null;
        return new ComposedMessage(subject, body, Html(subject, body), calendar);
    }

    /// <summary>The same text in HTML: one paragraph per block, a line break per line, links clickable. Nothing else.</summary>
    public static string Html(string? subject, string text)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(subject ?? "")).Append("</title></head>")
            .Append("<body style=\"font-family:Arial,sans-serif;font-size:18px;line-height:1.5;color:#1e1e1e;max-width:40em\">");
        foreach (var paragraph in text.Split("\n\n"))
        {
            var lines = paragraph.Split('\n').Select(l => Url().Replace(WebUtility.HtmlEncode(l), m => $"<a href=\"{m.Value}\">{m.Value}</a>"));
            html.Append("<p>").Append(string.Join("<br>", lines)).Append("</p>");
        }
        return html.Append("</body></html>").ToString();
    }

    [GeneratedRegex(@"https?://[^\s<>&""]+")]
    private static partial Regex Url();

    /// <summary>The event for the person's calendar. Cancelling keeps the same UID with STATUS:CANCELLED.</summary>
    public static string Calendar(Interview interview, string summary, IReadOnlyDictionary<string, string?> values, bool cancelled, string? organizer) =>
        Event(interview.Id, interview.CreatedAt, interview.ScheduledAt, interview.EndsAt, summary, values, cancelled, organizer);

    private static string Event(Guid id, DateTimeOffset created, DateTimeOffset start, DateTimeOffset end, string summary,
        IReadOnlyDictionary<string, string?> values, bool cancelled, string? organizer)
    {
        var description = string.Join("\n", new[] { values.GetValueOrDefault("connexion"), "Si la connexion ne marche pas, appelez le " + values.GetValueOrDefault("numero_secours") + "." }
            .Where(s => !string.IsNullOrWhiteSpace(s)));
        var w = new ICalendarWriter()
            .Raw("BEGIN", "VCALENDAR").Raw("VERSION", "2.0").Raw("PRODID", "-//RemoteSupport//Invitation//FR")
            .Raw("METHOD", cancelled ? "CANCEL" : "PUBLISH")
            .Raw("BEGIN", "VEVENT")
            .Raw("UID", $"{id:N}@remotesupport")
            .Time("DTSTAMP", created)
            .Time("DTSTART", start)
            .Time("DTEND", end)
            .Raw("SEQUENCE", cancelled ? "1" : "0")
            .Text("SUMMARY", summary)
            .Text("DESCRIPTION", description)
            .Raw("STATUS", cancelled ? "CANCELLED" : "CONFIRMED");
        if (!string.IsNullOrWhiteSpace(organizer)) w.Raw("ORGANIZER", "mailto:" + organizer);
        if (!cancelled) w.Raw("BEGIN", "VALARM").Raw("ACTION", "DISPLAY").Text("DESCRIPTION", summary).Raw("TRIGGER", "-PT15M").Raw("END", "VALARM");
        return w.Raw("END", "VEVENT").Raw("END", "VCALENDAR").ToString();
    }

    public static string DateText(DateTimeOffset at) => FrenchTime.ToLocal(at).ToString("dddd d MMMM yyyy", French);
    public static string TimeText(DateTimeOffset at) => FrenchTime.ToLocal(at).ToString("HH'h'mm", French);

    public static string DurationText(int minutes) => minutes switch
    {
        < 60 => $"{minutes} minutes",
        60 => "1 heure",
        _ when minutes % 60 == 0 => $"{minutes / 60} heures",
        _ => $"{minutes / 60} h {minutes % 60:00}",
    };
}
