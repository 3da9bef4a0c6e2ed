using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Data.Seed;

/// <summary>Demo data of the features built over persons (checklists, interviews…), seeded after the caseloads.</summary>
public static class DemoFeatures
{
    public static async Task SeedAsync(AppDbContext db, IReadOnlyList<Department> departments, IReadOnlyList<AppUser> workers,
        DateTimeOffset now, CancellationToken ct)
    {
        var templates = new Dictionary<(int, Modality), ChecklistTemplate>();
        foreach (var department in departments)
        {
            foreach (var template in DefaultChecklists.For(department.Id, now.AddDays(-400)))
            {
                db.ChecklistTemplates.Add(template);
                templates[(department.Id, template.Modality)] = template;
            }
        }

        var workerIds = workers.Select(w => w.Id).ToArray();
        // Ordered by the demo phone number (a running counter), so the same persons get the same story on every machine.
        var persons = await db.Persons.Where(p => workerIds.Contains(p.ReferentId)).OrderBy(p => p.Phone).ToListAsync(ct);
        var personIds = persons.Select(p => p.Id).ToArray();
        var consents = (await db.Consents.Where(c => personIds.Contains(c.PersonId)).ToListAsync(ct))
            .GroupBy(c => c.PersonId).ToDictionary(g => g.Key, g => g.ToList());
        var departmentIds = departments.Select(d => d.Id).ToArray();
        var tools = (await db.VideoTools.Where(t => departmentIds.Contains(t.DepartmentId)).OrderBy(t => t.Name).ToListAsync(ct))
            .GroupBy(t => t.DepartmentId).ToDictionary(g => g.Key, g => g.Select(t => t.Id).ToList());

        var story = new Story(db, now, templates, tools);
        foreach (var worker in workers)
        {
            var caseload = persons.Where(p => p.ReferentId == worker.Id).ToList();
            story.TellFor(worker, caseload, p => consents.TryGetValue(p.Id, out var list) ? list : (consents[p.Id] = []));
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Writes a plausible past and near future for each person, through the domain methods the pages use.</summary>
    private sealed class Story(AppDbContext db, DateTimeOffset now, Dictionary<(int, Modality), ChecklistTemplate> templates,
        Dictionary<int, List<Guid>> tools)
    {
        private readonly Random _random = new(4404);
        private readonly DateOnly _today = DateOnly.FromDateTime(FrenchTime.ToLocal(now));
        private HashSet<(DateOnly, int)> _booked = [];

        private static readonly TimeOnly[] Slots = [new(9, 30), new(10, 30), new(11, 15), new(14, 0), new(15, 0), new(16, 0)];

        private static readonly string[] Objectives =
        [
            "Faire le point sur les démarches en cours et les prochaines échéances.",
            "Préparer ensemble le dossier de demande d'aide au logement.",
            "Prendre des nouvelles et évaluer les besoins du moment.",
            "Faire le point sur le budget du mois et les factures en attente.",
            "Préparer le renouvellement des droits auprès de la caisse d'allocations familiales.",
            "Échanger sur la recherche de formation et les contacts avec la mission locale.",
            "Vérifier que l'aide à domicile a bien démarré et qu'elle convient.",
        ];

        private static readonly string[] Summaries =
        [
            "Point sur les démarches en cours. La personne se dit plus sereine ; le dossier de logement reste à compléter.",
            "Échange sur le budget du mois. Les factures en retard sont identifiées ; un échéancier sera demandé au fournisseur.",
            "La personne a reçu la réponse de la caisse : les droits sont renouvelés. Prochaine étape : la mutuelle.",
            "Prise de nouvelles. Situation stable ; la personne souhaite garder un contact régulier par téléphone.",
            "Préparation de l'entretien avec la mission locale. La personne a choisi deux pistes de formation.",
            "L'aide à domicile a commencé et convient. Quelques horaires restent à ajuster avec le service.",
            "Difficultés de sommeil et fatigue évoquées ; orientation vers le médecin traitant proposée et acceptée.",
        ];

        private static readonly (string Who, string What)[] Actions =
        [
            ("La personne", "Envoyer l'avis d'imposition à la caisse d'allocations familiales"),
            ("Travailleur social", "Contacter le bailleur pour un plan d'apurement"),
            ("La personne", "Prendre rendez-vous chez le médecin traitant"),
            ("Travailleur social", "Transmettre le dossier de demande de logement à la commission"),
            ("CCAS", "Étudier la demande d'aide alimentaire"),
            ("La personne", "Rassembler les trois derniers bulletins de salaire"),
            ("Mission locale", "Proposer une date d'information collective"),
        ];

        private static readonly string[] IncomingCalls =
        [
            "la personne a appelé pour dire que son attestation de droits est arrivée.",
            "la personne a appelé pour poser une question sur un courrier reçu.",
            "la personne a rappelé après un message laissé ; tout va bien.",
        ];

        private static readonly string[] OutgoingCalls =
        [
            "prise de nouvelles rapide ; pas de besoin particulier.",
            "rappel des pièces à fournir pour le dossier en cours.",
        ];

        private static readonly string[] SmsTexts =
        [
            "confirmation de la réception des documents.",
            "la personne confirme qu'elle sera disponible la semaine prochaine.",
        ];

        private T Pick<T>(IReadOnlyList<T> list) => list[_random.Next(list.Count)];
        private bool Chance(double p) => _random.NextDouble() < p;

        public void TellFor(AppUser worker, List<AccompaniedPerson> caseload, Func<AccompaniedPerson, List<ConsentRecord>> consentsOf)
        {
            _booked = [];
            var upcoming = new List<(AccompaniedPerson Person, Interview Interview)>();
            var latestCompleted = new Dictionary<Guid, Interview>();
            foreach (var person in caseload)
            {
                var history = consentsOf(person);
                var done = Past(worker, person, history);
                if (done is not null) latestCompleted[person.Id] = done;
                if (person.Status == PersonStatus.Active && Chance(0.2))
                {
                    var planned = Upcoming(worker, person, history, _today.AddDays(_random.Next(1, 15)));
                    if (planned is not null) upcoming.Add((person, planned));
                }
            }

            // A few interviews today, so the agenda and the home page have something to show on any demo day.
            var today = 0;
            foreach (var person in caseload.Where(p => p.Status == PersonStatus.Active && upcoming.All(u => u.Person.Id != p.Id)))
            {
                if (today == 3) break;
                var planned = Upcoming(worker, person, consentsOf(person), NextWorkingDay(_today, 0));
                if (planned is null) continue;
                upcoming.Add((person, planned));
                today++;
            }

            foreach (var (person, interview) in upcoming)
                if (latestCompleted.TryGetValue(person.Id, out var previous)) previous.PlanNext(interview);

            // One consent withdrawn after scheduling: "Mon agenda" must flag it.
            var withdrawn = upcoming.FirstOrDefault(u => u.Interview.ScheduledAt > now.AddDays(1));
            if (withdrawn.Interview is { } target)
            {
                var decidedAt = Latest(OfficeHours(now.AddDays(-1)), target.CreatedAt.AddHours(1));
                var record = ConsentRecord.Seed(target.DepartmentId, target.PersonId, target.Modality, ConsentDecision.Withdrawn, decidedAt, worker.Id,
                    ConsentMethod.OrallyDuringCall, comment: "Préfère attendre d'avoir un meilleur équipement.");
                db.Consents.Add(record);
                consentsOf(withdrawn.Person).Add(record);
                Log(target.DepartmentId, target.PersonId, worker.Id, record.DecidedAt, ActivityKind.ConsentRecorded,
                    $"Consentement {target.Modality.French()} : retiré (à l'oral, pendant un appel).", modality: target.Modality);
            }
        }

        /// <summary>The person's past: the latest contact where DemoPersons placed it, and a few earlier interviews.</summary>
        private Interview? Past(AppUser worker, AccompaniedPerson person, List<ConsentRecord> history)
        {
            var bound = person.ClosedAt ?? now;
            var target = person.LastContactAt;
            person.ForgetLastContactForSeeding();
            // The latest contact stays where DemoPersons placed it, within the follow-up's own lifetime.
            if (target is { } placed)
            {
                var earliest = person.CreatedAt.AddDays(5);
                target = placed < earliest ? earliest : placed > bound.AddDays(-1) ? bound.AddDays(-1) : placed;
                if (target < earliest) target = null;
            }
            Interview? latestCompleted = null;
            DateTimeOffset cursor;

            if (target is { } t)
            {
                var duration = Pick<int>([30, 45, 45, 60]);
                var start = PastSlot(t, duration, bound);
                var granted = Granted(history, start);
                if (granted.Count > 0 && Chance(0.8))
                {
                    latestCompleted = Completed(worker, person, history, PreferredOf(person, granted), start, duration);
                }
                else
                {
                    QuickContact(worker, person, history, start);
                }
                cursor = start;
            }
            else
            {
                cursor = bound.AddDays(-_random.Next(3, 20));
            }

            var earlier = _random.Next(0, 3);
            for (var k = 0; k < earlier; k++)
            {
                cursor = cursor.AddDays(-Math.Max(7, person.ContactFrequencyDays + _random.Next(-5, 6)));
                if (cursor < person.CreatedAt.AddDays(10)) break;
                var duration = Pick<int>([30, 45, 60]);
                var start = PastSlot(cursor, duration, bound);
                var granted = Granted(history, start);
                if (granted.Count == 0) continue;
                var modality = PreferredOf(person, granted);
                var roll = _random.NextDouble();
                // A person never contacted has no completed interview: only missed or cancelled ones.
                if (target is null && roll < 0.7) roll = 0.7 + (roll * 0.3 / 0.7);
                if (roll < 0.7)
                {
                    var done = Completed(worker, person, history, modality, start, duration);
                    latestCompleted ??= done;
                }
                else if (roll < 0.8) Postponed(worker, person, history, modality, start, duration);
                else if (roll < 0.9) NoShow(worker, person, history, modality, start, duration);
                else Cancelled(worker, person, history, modality, start, duration);
            }
            return latestCompleted;
        }

        private Interview? Upcoming(AppUser worker, AccompaniedPerson person, List<ConsentRecord> history, DateOnly day)
        {
            var granted = Granted(history, now);
            if (granted.Count == 0) return null;
            var modality = PreferredOf(person, granted);
            var duration = Pick<int>([30, 45, 45, 60]);
            var start = FreeSlot(NextWorkingDay(day, 0));
            var interview = Schedule(worker, person, history, modality, start, duration, now.AddDays(-_random.Next(2, 10)));
            // Preparation: done early for some, not yet for others (the agenda flags those due within 24 hours).
            if (Chance(0.5)) TickPhase(interview, ChecklistPhase.Before, worker.Id, now.AddHours(-_random.Next(1, 24)), optionalChance: 0.6);
            return interview;
        }

        private Interview Schedule(AppUser worker, AccompaniedPerson person, List<ConsentRecord> history, Modality modality,
            DateTimeOffset start, int duration, DateTimeOffset createdAt)
        {
            // Scheduling needs the consent in force at that time, as the scheduling page requires.
            var since = ConsentPolicy.StateAt(history, modality, start).Since ?? person.CreatedAt;
            createdAt = OfficeHours(createdAt);
            if (createdAt < since) createdAt = since.AddHours(1) < start ? since.AddHours(1) : since;
            // Scheduled through the same rule as the scheduling page, as it stood when the worker scheduled it.
            Modality? fallback = null;
            if (modality is Modality.Video or Modality.AudioConference && person.Phone is not null)
                fallback = ModalityText.FallbackModalities
                    .Where(m => m != modality)
                    .Cast<Modality?>()
                    .FirstOrDefault(m => ConsentPolicy.StateAt(history, m!.Value, createdAt).IsGranted);
            var plan = new InterviewPlan
            {
                Modality = modality,
                ScheduledAt = start,
                DurationMinutes = duration,
                Objectives = Pick(Objectives),
                SendSmsReminder = ConsentPolicy.StateAt(history, Modality.Sms, createdAt).IsGranted && Chance(0.6),
                FallbackModality = fallback,
                FallbackPhone = fallback is null ? null : person.Phone,
                VideoToolId = modality == Modality.Video ? Pick(tools[person.DepartmentId]) : null,
                Participants = person.IsAllophone && Chance(0.7)
                    ? [new ParticipantPlan("Interprète de l'association partenaire", ParticipantRelation.Interpreter, PersonAgreed: true)]
                    : [],
            };
            var interview = Interview.Schedule(person, worker.Id, plan, history, templates[(person.DepartmentId, modality)], createdAt);
            db.Interviews.Add(interview);
            Log(person.DepartmentId, person.Id, worker.Id, createdAt, ActivityKind.InterviewScheduled,
                $"Entretien par {modality.French()} planifié le {FrenchTime.Format(start)} ({duration} min).", interview.Id, modality);
            return interview;
        }

        private Interview Completed(AppUser worker, AccompaniedPerson person, List<ConsentRecord> history, Modality modality,
            DateTimeOffset start, int duration)
        {
            var interview = Schedule(worker, person, history, modality, start, duration, start.AddDays(-_random.Next(3, 15)));
            TickPhase(interview, ChecklistPhase.Before, worker.Id, Latest(interview.CreatedAt, start.AddHours(-2)), 0.75);
            interview.Start(start, history);
            if (modality == Modality.Video && ConsentPolicy.StateAt(history, Modality.Phone, start).IsGranted && Chance(0.3))
            {
                var at = start.AddMinutes(_random.Next(3, 15));
                interview.SwitchToFallback(Modality.Phone, "Connexion instable", at, history);
                Log(person.DepartmentId, person.Id, worker.Id, at, ActivityKind.InterviewFallbackSwitched,
                    "Passage de la visioconférence au téléphone : connexion instable.", interview.Id, Modality.Phone);
            }
            var end = start.AddMinutes(duration);
            TickPhase(interview, ChecklistPhase.During, worker.Id, start.AddMinutes(duration / 2), 0.7);
            var summary = Pick(Summaries);
            // The "after" items are ticked before the outcome is drawn, so the demo's random sequence stays the same.
            TickPhase(interview, ChecklistPhase.After, worker.Id, Earliest(end.AddMinutes(15), now), 0.6);
            var outcome = Chance(0.12)
                ? new InterviewOutcome(summary, FaceToFaceNeeded: true, FaceToFaceReason: Pick(Enum.GetValues<FaceToFaceReason>()),
                    FaceToFaceTopics: "La personne préfère parler de sa situation familiale en rencontre physique.")
                : new InterviewOutcome(summary);
            interview.Complete(outcome, end, history);
            Log(person.DepartmentId, person.Id, worker.Id, end, ActivityKind.InterviewCompleted,
                $"Entretien par {interview.CurrentModality.French()} réalisé. {summary}", interview.Id, interview.CurrentModality);
            person.RecordContact(end);

            if (Chance(0.55))
            {
                var day = DateOnly.FromDateTime(FrenchTime.ToLocal(end));
                foreach (var (who, what) in Actions.OrderBy(_ => _random.Next()).Take(_random.Next(1, 3)).ToList())
                {
                    var action = FollowUpAction.Decide(interview, who == "Travailleur social" ? worker.DisplayName : who, what,
                        day.AddDays(_random.Next(5, 22)));
                    // Most actions due in the past were done; the others are overdue, as in real caseloads.
                    var doneAt = FrenchTime.FromLocal(action.DueOn.AddDays(-_random.Next(0, 4)).ToDateTime(new TimeOnly(11, 0)));
                    if (action.DueOn < _today && Chance(0.6) && doneAt > end && doneAt < now)
                    {
                        action.MarkDone(doneAt);
                        Log(person.DepartmentId, person.Id, worker.Id, doneAt, ActivityKind.FollowUpActionDone,
                            $"Suite réalisée : {action.What} ({action.Who}).", interview.Id);
                    }
                    db.FollowUpActions.Add(action);
                }
            }
            return interview;
        }

        private void Postponed(AppUser worker, AccompaniedPerson person, List<ConsentRecord> history, Modality modality, DateTimeOffset start, int duration)
        {
            var interview = Schedule(worker, person, history, modality, start, duration, start.AddDays(-_random.Next(3, 15)));
            TickPhase(interview, ChecklistPhase.Before, worker.Id, Latest(interview.CreatedAt, start.AddHours(-2)), 0.5);
            var (reason, comment, at) = _random.Next(3) switch
            {
                0 => (PostponeReason.ThirdPartyHindersFreeSpeech, "Un proche était dans la pièce ; la personne a préféré en parler un autre jour.", start.AddMinutes(5)),
                1 => (PostponeReason.ConnectionFailed, "Connexion impossible malgré le plan B ; nouveau rendez-vous à fixer.", start.AddMinutes(10)),
                _ => (PostponeReason.PersonUnavailable, "La personne a un rendez-vous médical à cette heure-là.", Latest(interview.CreatedAt, start.AddDays(-1))),
            };
            interview.Postpone(reason, comment, at);
            Log(person.DepartmentId, person.Id, worker.Id, at, ActivityKind.InterviewPostponed,
                $"Entretien reporté : {reason.French().ToLowerInvariant()}. {comment}", interview.Id, modality);
        }

        private void NoShow(AppUser worker, AccompaniedPerson person, List<ConsentRecord> history, Modality modality, DateTimeOffset start, int duration)
        {
            var interview = Schedule(worker, person, history, modality, start, duration, start.AddDays(-_random.Next(3, 15)));
            TickPhase(interview, ChecklistPhase.Before, worker.Id, Latest(interview.CreatedAt, start.AddHours(-2)), 0.5);
            const string comment = "Pas de réponse à deux appels ; message laissé pour proposer un autre moment.";
            var at = start.AddMinutes(20);
            interview.MarkNoShow(comment, at);
            Log(person.DepartmentId, person.Id, worker.Id, at, ActivityKind.InterviewNoShow, $"Personne absente. {comment}", interview.Id, modality);
        }

        private void Cancelled(AppUser worker, AccompaniedPerson person, List<ConsentRecord> history, Modality modality, DateTimeOffset start, int duration)
        {
            var interview = Schedule(worker, person, history, modality, start, duration, start.AddDays(-_random.Next(3, 15)));
            const string comment = "Annulé à la demande de la personne, dont la démarche s'est réglée entre-temps.";
            var at = Latest(interview.CreatedAt.AddMinutes(30), start.AddDays(-1));
            interview.Cancel(comment, at);
            Log(person.DepartmentId, person.Id, worker.Id, at, ActivityKind.InterviewCancelled, $"Entretien annulé. {comment}", interview.Id, modality);
        }

        /// <summary>A call or an SMS outside any interview, logged the way the quick log page does it.</summary>
        private void QuickContact(AppUser worker, AccompaniedPerson person, List<ConsentRecord> history, DateTimeOffset at)
        {
            var phone = ConsentPolicy.StateAt(history, Modality.Phone, at).IsGranted;
            var sms = ConsentPolicy.StateAt(history, Modality.Sms, at).IsGranted;
            // Without consent only incoming contacts happen: the person took the initiative.
            var (modality, text) = sms && Chance(0.4)
                ? (Modality.Sms, Chance(0.5) ? $"SMS envoyé : {Pick(SmsTexts)}" : $"SMS reçu : {Pick(SmsTexts)}")
                : phone && Chance(0.5)
                    ? (Modality.Phone, $"Appel émis : {Pick(OutgoingCalls)}")
                    : (Modality.Phone, $"Appel reçu : {Pick(IncomingCalls)}");
            Log(person.DepartmentId, person.Id, worker.Id, at, ActivityKind.ContactLogged, text, modality: modality);
            person.RecordContact(at);
        }

        private void TickPhase(Interview interview, ChecklistPhase phase, Guid by, DateTimeOffset at, double optionalChance)
        {
            foreach (var item in interview.Checklist.Where(i => i.Phase == phase).ToList())
                if (item.Required || Chance(optionalChance)) interview.Tick(item.Id, true, by, at);
        }

        private static List<Modality> Granted(List<ConsentRecord> history, DateTimeOffset at) =>
            ModalityText.InterviewModalities.Where(m => ConsentPolicy.StateAt(history, m, at).IsGranted).ToList();

        private Modality PreferredOf(AccompaniedPerson person, List<Modality> granted)
        {
            var preferred = granted.Where(person.PreferredModalities.Contains).ToList();
            return Pick(preferred.Count > 0 ? preferred : granted);
        }

        /// <summary>A free slot of the worker on a working day at or before the given time, ending before <paramref name="bound"/>.</summary>
        private DateTimeOffset PastSlot(DateTimeOffset around, int duration, DateTimeOffset bound)
        {
            var day = DateOnly.FromDateTime(FrenchTime.ToLocal(around));
            for (var back = 0; back < 30; back++, day = day.AddDays(-1))
            {
                if (!IsWorkingDay(day)) continue;
                for (var s = Slots.Length - 1; s >= 0; s--)
                {
                    var start = FrenchTime.FromLocal(day.ToDateTime(Slots[s]));
                    if (start.AddMinutes(duration + 20) > bound || _booked.Contains((day, s))) continue;
                    _booked.Add((day, s));
                    return start;
                }
            }
            return bound.AddDays(-30);
        }

        /// <summary>A free slot of the worker on that working day, or on the next one with room.</summary>
        private DateTimeOffset FreeSlot(DateOnly day)
        {
            for (var tries = 0; tries < 30; tries++, day = NextWorkingDay(day, 1))
            {
                foreach (var s in Enumerable.Range(0, Slots.Length).OrderBy(_ => _random.Next()).ToList())
                {
                    if (_booked.Add((day, s))) return FrenchTime.FromLocal(day.ToDateTime(Slots[s]));
                }
            }
            return FrenchTime.FromLocal(day.ToDateTime(Slots[0]));
        }

        /// <summary>A moment during office hours on the working day of <paramref name="around"/> or the one before: journals read like real ones.</summary>
        private DateTimeOffset OfficeHours(DateTimeOffset around)
        {
            var day = DateOnly.FromDateTime(FrenchTime.ToLocal(around));
            while (!IsWorkingDay(day)) day = day.AddDays(-1);
            return FrenchTime.FromLocal(day.ToDateTime(new TimeOnly(_random.Next(9, 17), _random.Next(0, 4) * 15)));
        }

        private static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

        private static DateOnly NextWorkingDay(DateOnly day, int step)
        {
            day = day.AddDays(step);
            while (!IsWorkingDay(day)) day = day.AddDays(1);
            return day;
        }

        private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
        private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

        private void Log(int departmentId, Guid personId, Guid actorId, DateTimeOffset at, ActivityKind kind, string description,
            Guid? interviewId = null, Modality? modality = null) =>
            db.ActivityLog.Add(ActivityLogEntry.For(departmentId, personId, actorId, at, kind, description, interviewId, modality));
    }
}
