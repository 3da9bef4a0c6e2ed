using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Rights;

/// <summary>A person with something in every part of their file, each value recognisable so a test can look for it anywhere.</summary>
public static class RightsData
{
    public sealed record Traces(AccompaniedPerson Person, Interview Interview, string[] Secrets);

    public const string Participant = "Gaëtan Participantdutiers";
    public const string PrivateNote = "Note privée Zorglubienne";
    public const string Summary = "Compte rendu Pimprenelle partagé";

    /// <summary>
    /// A full file. <paramref name="variant"/> changes every recognisable value (1 gives the constants above), so two files
    /// never share a value a test looks for.
    /// </summary>
    public static async Task<Traces> FullFileAsync(AppFactory factory, AppUser referent, int variant = 1, DateTimeOffset? lastContact = null)
    {
        // Variant 2 writes every text backwards: no value of one file is then a part of a value of the other.
        string T(string text) => variant == 1 ? text : new string(text.Reverse().ToArray());
        var first = variant == 1 ? "Ysolde" : "Gardée";
        var last = variant == 1 ? "Kerbrat-Quillivic" : "Récentissime";
        var phone = $"067712345{variant}";
        var fallbackPhone = $"067765432{variant}";
        var contact = lastContact ?? TestClock.Start.AddDays(-3);
        var person = await World.AddPersonAsync(factory, referent, p =>
        {
            p.FirstName = first;
            p.LastName = last;
            p.Phone = phone;
            p.Email = T("ysolde.kq@exemple.test");
            p.Address = T("17 venelle des Goélands");
            p.PostalCode = "56170";
            p.City = T("Quiberon");
            p.BirthDate = new DateOnly(1964, 7, 14);
            p.Language = T("gallo");
            p.PreferredContactNote = T("Appeler après la sieste de Trifouillis");
            p.CreatedAt = contact.AddMonths(-6);
            p.LastContactAt = contact;
        });
        var interview = await factory.WithDbAsync(async db =>
        {
            var now = TestClock.Start.AddDays(-20);
            db.Consents.Add(ConsentRecord.Seed(person.DepartmentId, person.Id, Modality.Video, ConsentDecision.Granted, now, referent.Id,
                ConsentMethod.OrallyDuringCall, comment: T("Commentaire Farfadelle")));
            db.Consents.Add(ConsentRecord.Seed(person.DepartmentId, person.Id, Modality.Video, ConsentDecision.Withdrawn, now.AddDays(5), referent.Id,
                ConsentMethod.InWriting));
            // Interviews go through the domain's rules, as the application writes them.
            var interview = await TestInterviews.ArrangeAsync(db, person, referent.Id, Modality.Phone, now, InterviewStatus.Completed,
                plan: p => p with
                {
                    Objectives = T("Objectif Tralalère"), FallbackModality = Modality.AudioConference, FallbackPhone = fallbackPhone,
                    Participants = [new ParticipantPlan(T(Participant), ParticipantRelation.Family, PersonAgreed: true)],
                },
                createdAt: now.AddDays(-2),
                outcome: new InterviewOutcome(T(Summary), PrivateNote: T(PrivateNote), FaceToFaceTopics: T("Sujet Rantanplan"),
                    IncompleteChecklistJustification: "Préparé autrement."));
            var cancelled = await TestInterviews.ArrangeAsync(db, person, referent.Id, Modality.Phone, now.AddDays(2), createdAt: now.AddDays(-2));
            cancelled.Cancel(T("Commentaire Bidulette"), now);
            db.FollowUpActions.Add(FollowUpAction.Decide(interview, T("Qui Machinchose"), T("Quoi Turlututu"), new DateOnly(2026, 12, 1)));
            db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, person.Id, referent.Id, now, ActivityKind.ContactLogged,
                $"Appel de {first} {last} au {phone} : {T("Journal Carabistouille")}"));
            await db.SaveChangesAsync();
            return interview;
        });
        string[] secrets =
        [
            first, last, phone, T("ysolde.kq@exemple.test"), T("venelle des Goélands"), T("Quiberon"), T("gallo"), T("Trifouillis"),
            T("Farfadelle"), T("Tralalère"), T(Summary), T(PrivateNote), T("Rantanplan"), T("Bidulette"), fallbackPhone, T(Participant),
            T("Participantdutiers"), T("Machinchose"), T("Turlututu"), T("Carabistouille"),
        ];
        return new Traces(person, interview, secrets);
    }
}
