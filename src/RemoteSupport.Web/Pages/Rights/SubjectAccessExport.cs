using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Rights;

/// <summary>One labelled value, as the person reads it.</summary>
public sealed record ExportField(string Label, string? Value);

/// <summary>One record of a section (a consent answer, an interview…).</summary>
public sealed record ExportItem(IReadOnlyList<ExportField> Fields);

/// <summary>A part of the copy. <paramref name="Private"/> marks the private notes, given only on an explicit choice.</summary>
public sealed record ExportSection(string Key, string Title, string? Note, IReadOnlyList<ExportItem> Items, bool Private = false);

/// <summary>Everything stored about one person, ready for the JSON file and the printable page (ADR-0022).</summary>
public sealed record SubjectAccessFile(string Department, DateTimeOffset GeneratedAt, string Person, IReadOnlyList<ExportSection> Sections);

/// <summary>
/// Builds the copy of a person's data (droit d'accès, GDPR art. 15). Each section is one method reading one kind of
/// record of this person only; adding a kind of record (the messages of issue 13) is one more method and one more line in
/// <see cref="BuildAsync"/>. No other person's data: participants appear by their relation, staff by their function.
/// </summary>
public sealed class SubjectAccessExport(AppDbContext db)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // The file is downloaded, never inlined in a page: accents stay readable.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public async Task<SubjectAccessFile> BuildAsync(PersonRef reference, bool includePrivateNotes, DateTimeOffset now, CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().FirstAsync(p => p.Id == reference.Id, ct);
        var department = await db.Departments.AsNoTracking().Where(d => d.Id == person.DepartmentId).Select(d => d.Name).FirstAsync(ct);
        var functions = new StaffFunctions(db);
        var sections = new List<ExportSection>
        {
            await IdentityAsync(person, ct),
            Situation(person),
            Rights(person),
            await ConsentsAsync(person.Id, functions, ct),
            await InterviewsAsync(person.Id, functions, ct),
            await FollowUpsAsync(person.Id, ct),
            await GroupSessionsAsync(person.Id, ct),
            await ActivityAsync(person.Id, person.DepartmentId, functions, ct),
            await AccessesAsync(person.Id, person.DepartmentId, functions, ct),
        };
        if (includePrivateNotes) sections.Add(await PrivateNotesAsync(person.Id, ct));
        return new SubjectAccessFile(department, now, person.FullName, sections);
    }

    public static byte[] ToJson(SubjectAccessFile file) => JsonSerializer.SerializeToUtf8Bytes(file, Json);

    private async Task<ExportSection> IdentityAsync(AccompaniedPerson p, CancellationToken ct)
    {
        // The referent is named: the person's contact in the service, whom they already know.
        var referent = await db.Users.Where(u => u.Id == p.ReferentId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        return new("identity", "Identité et coordonnées", null, [new([
            new("Prénom", p.FirstName), new("Nom", p.LastName), new("Date de naissance", Date(p.BirthDate)),
            new("Téléphone", p.Phone), new("Adresse électronique", p.Email), new("Adresse", p.Address),
            new("Code postal", p.PostalCode), new("Commune", p.City), new("Référent", referent),
            new("Dossier créé le", FrenchTime.Format(p.CreatedAt)), new("Suivi", p.Status.French()),
            new("Clos le", p.ClosedAt is null ? null : FrenchTime.Format(p.ClosedAt)), new("Motif de clôture", p.ClosureReason),
        ])]);
    }

    private static ExportSection Situation(AccompaniedPerson p) => new("situation", "Situation et préférences", null, [new([
        new("Suivi à distance car", string.Join(", ", p.RemoteReasons.Select(r => r.French()))),
        new("Niveau de risque", p.RiskLevel.French()), new("Vit seule", YesNo(p.LivesAlone)),
        new("Première rencontre physique", Date(p.FirstFaceToFaceMeetingOn)),
        new("Smartphone", YesNo(p.HasSmartphone)), new("Ordinateur", YesNo(p.HasComputer)), new("Accès à internet", YesNo(p.HasInternetAccess)),
        new("Autonomie numérique", p.DigitalSkills.French()), new("Allophone", YesNo(p.IsAllophone)), new("Langue", p.Language),
        new("Documents faciles à lire", YesNo(p.NeedsEasyToRead)),
        new("Modalités préférées", string.Join(", ", p.PreferredModalities.Select(m => m.French()))),
        new("Jours préférés", string.Join(", ", p.PreferredDays.Select(DayName))),
        new("Plage horaire préférée", p.PreferredTimeFrom is null && p.PreferredTimeUntil is null ? null
            : $"{p.PreferredTimeFrom?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "…"} – {p.PreferredTimeUntil?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "…"}"),
        new("Note sur les contacts", p.PreferredContactNote), new("Fréquence de contact convenue (jours)", p.ContactFrequencyDays.ToString(CultureInfo.InvariantCulture)),
        new("Dernier contact", p.LastContactAt is null ? null : FrenchTime.Format(p.LastContactAt)),
    ])]);

    private static ExportSection Rights(AccompaniedPerson p) => new("rights", "Vos droits dans ce dossier", null, [new([
        new("Notice d'information", p.NoticeGivenAt is null ? "pas encore remise" : $"{p.NoticeMethod?.French()} le {FrenchTime.FormatDate(p.NoticeGivenAt)}"),
        new("Opposition aux messages", p.ObjectsToMessages ? $"oui, depuis le {FrenchTime.FormatDate(p.ObjectedToMessagesAt)}" : "non"),
        new("Limitation du traitement", p.ProcessingRestricted ? $"oui, depuis le {FrenchTime.FormatDate(p.ProcessingRestrictedAt)}" : "non"),
        new("Conservation prolongée (obligation légale)", p.RetentionHoldReason),
    ])]);

    private async Task<ExportSection> ConsentsAsync(Guid personId, StaffFunctions functions, CancellationToken ct)
    {
        var records = await db.ConsentHistoryAsync(personId, ct);
        await functions.LoadAsync(records.Select(r => r.RecordedById), ct);
        return new("consents", "Consentements (historique complet)", "Chaque réponse donnée, dans l'ordre, sans effacement.",
            records.Select(c => new ExportItem([
                new("Modalité", c.Modality.French()), new("Réponse", c.Decision.French()), new("Donnée le", FrenchTime.Format(c.DecidedAt)),
                new("Recueillie", c.Method.French()), new("Enregistrée le", FrenchTime.Format(c.RecordedAt)),
                new("Enregistrée par", functions.Of(c.RecordedById)), new("Commentaire", c.Comment),
            ])).ToList());
    }

    private async Task<ExportSection> InterviewsAsync(Guid personId, StaffFunctions functions, CancellationToken ct)
    {
        var interviews = await db.Interviews.AsNoTracking().Where(i => i.PersonId == personId)
            .Include(i => i.Participants).Include(i => i.FallbackSwitches)
            .OrderBy(i => i.ScheduledAt).AsSplitQuery().ToListAsync(ct);
        await functions.LoadAsync(interviews.Select(i => i.WorkerId), ct);
        return new("interviews", "Entretiens", "Les comptes rendus partagés ; les autres participants figurent par leur lien avec vous, sans leur nom.",
            interviews.Select(i => new ExportItem([
                new("Date prévue", FrenchTime.Format(i.ScheduledAt)), new("Durée (minutes)", i.DurationMinutes.ToString(CultureInfo.InvariantCulture)),
                new("Modalité", i.Modality.French()), new("Avec", functions.Of(i.WorkerId)), new("État", i.Status.French()),
                new("Objectifs", Blank(i.Objectives)), new("Compte rendu", i.Summary),
                new("Rencontre physique nécessaire", i.FaceToFaceNeeded ? $"oui ({i.FaceToFaceReason?.French()})" : null),
                new("Sujets à aborder en rencontre physique", i.FaceToFaceTopics),
                new("Plan B", i.FallbackModality?.French()), new("Numéro du plan B", i.FallbackPhone),
                new("Passages au plan B", string.Join(" ; ", i.FallbackSwitches.OrderBy(s => s.At)
                    .Select(s => $"{FrenchTime.Format(s.At)} : {s.From.French()} → {s.To.French()} ({s.Reason})"))),
                new("Report ou annulation", i.PostponeReason?.French()), new("Commentaire", i.StatusComment),
                new("Participants", string.Join(" ; ", i.Participants.Select(x => $"{x.Relation.French()}{(x.PersonAgreed ? ", avec votre accord" : "")}"))),
            ])).ToList());
    }

    private async Task<ExportSection> FollowUpsAsync(Guid personId, CancellationToken ct)
    {
        var actions = await db.FollowUpActions.AsNoTracking().Where(a => a.PersonId == personId).OrderBy(a => a.DueOn).ToListAsync(ct);
        return new("followUps", "Suites décidées (qui fait quoi)", null, actions.Select(a => new ExportItem([
            new("Qui", a.Who), new("Quoi", a.What), new("Pour le", Date(a.DueOn)),
            new("Faite le", a.DoneAt is null ? null : FrenchTime.Format(a.DoneAt)),
        ])).ToList());
    }

    /// <summary>The group sessions the person joined: their own place and attendance, never the other participants.</summary>
    private async Task<ExportSection> GroupSessionsAsync(Guid personId, CancellationToken ct)
    {
        var rows = await db.GroupParticipants.AsNoTracking().Where(p => p.PersonId == personId)
            .Join(db.GroupSessions, p => p.SessionId, s => s.Id, (p, s) => new { p.Status, p.Attendance, s.Theme, s.ScheduledAt, s.Modality, s.Summary })
            .OrderBy(x => x.ScheduledAt).ToListAsync(ct);
        return new("groupSessions", "Séances de groupe", "Les autres participants n'y figurent pas : leurs données ne sont pas les vôtres.",
            rows.Select(r => new ExportItem([
                new("Thème", r.Theme), new("Date", FrenchTime.Format(r.ScheduledAt)), new("Modalité", r.Modality.French()),
                new("Votre place", Domain.Groups.GroupText.French(r.Status)),
                new("Présence", r.Attendance is { } a ? Domain.Groups.GroupText.French(a) : null),
                new("Compte rendu partagé", r.Summary),
            ])).ToList());
    }

    private async Task<ExportSection> ActivityAsync(Guid personId, int departmentId, StaffFunctions functions, CancellationToken ct)
    {
        var entries = await db.ActivityLog.AsNoTracking().Where(a => a.DepartmentId == departmentId && a.PersonId == personId)
            .OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => new { a.At, a.Kind, a.Description, a.ActorId }).ToListAsync(ct);
        await functions.LoadAsync(entries.Select(e => e.ActorId), ct);
        return new("activity", "Journal d'activité", "Ce qui a été fait dans votre dossier, par qui (sa fonction) et quand.",
            entries.Select(e => new ExportItem([
                new("Date", FrenchTime.Format(e.At)), new("Action", e.Kind.French()), new("Détail", Blank(e.Description)), new("Par", functions.Of(e.ActorId)),
            ])).ToList());
    }

    private async Task<ExportSection> AccessesAsync(Guid personId, int departmentId, StaffFunctions functions, CancellationToken ct)
    {
        var accesses = await db.PersonAccesses.AsNoTracking().Where(a => a.DepartmentId == departmentId && a.PersonId == personId)
            .OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => new { a.At, a.Page, a.UserId }).ToListAsync(ct);
        await functions.LoadAsync(accesses.Select(a => a.UserId), ct);
        return new("accesses", "Consultations de votre dossier", "Qui (sa fonction) a ouvert votre dossier, quand, et quelle page.",
            accesses.Select(a => new ExportItem([
                new("Date", FrenchTime.Format(a.At)), new("Par", functions.Of(a.UserId)), new("Page ou action", AccessPages.French(a.Page)),
            ])).ToList());
    }

    private async Task<ExportSection> PrivateNotesAsync(Guid personId, CancellationToken ct)
    {
        var notes = await db.Interviews.AsNoTracking().Where(i => i.PersonId == personId && i.PrivateNote != null)
            .OrderBy(i => i.ScheduledAt).Select(i => new { i.ScheduledAt, i.PrivateNote }).ToListAsync(ct);
        return new("privateNotes", "Notes privées des travailleurs sociaux",
            "Notes de travail personnelles, jointes à cette copie sur décision expresse de la personne qui l'a établie.",
            notes.Select(n => new ExportItem([new("Entretien du", FrenchTime.Format(n.ScheduledAt)), new("Note privée", n.PrivateNote)])).ToList(),
            Private: true);
    }

    private static string? Date(DateOnly? d) => d is null ? null : FrenchTime.FormatDate(d);
    private static string YesNo(bool b) => b ? "oui" : "non";
    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
    private static string DayName(int d) => d switch
    {
        1 => "lundi", 2 => "mardi", 3 => "mercredi", 4 => "jeudi", 5 => "vendredi", 6 => "samedi", 7 => "dimanche",
        _ => d.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Staff appear by their function, not their name (ADR-0022): one query for the users of each section.</summary>
    private sealed class StaffFunctions(AppDbContext db)
    {
        private readonly Dictionary<Guid, string> _known = [];

        public async Task LoadAsync(IEnumerable<Guid> ids, CancellationToken ct)
        {
            var missing = ids.Where(id => !_known.ContainsKey(id)).Distinct().ToList();
            if (missing.Count == 0) return;
            var roles = await db.UserRoles.Where(ur => missing.Contains(ur.UserId))
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(ct);
            foreach (var id in missing)
            {
                var names = roles.Where(r => r.UserId == id).Select(r => r.Name!).ToList();
                _known[id] = names.Contains(Roles.TeamLead) ? "Responsable d'équipe"
                    : names.Contains(Roles.SocialWorker) ? "Travailleur social"
                    : names.Contains(Roles.Admin) ? "Administrateur"
                    : "Membre du service";
            }
        }

        public string Of(Guid id) => _known.GetValueOrDefault(id, "Membre du service");
    }
}
