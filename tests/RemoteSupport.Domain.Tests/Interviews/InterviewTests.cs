using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Domain.Tests.Interviews;

public sealed class InterviewTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Worker = Guid.NewGuid();

    private static AccompaniedPerson Person(Action<PersonSeed>? configure = null)
    {
        var seed = new PersonSeed { DepartmentId = 56, FirstName = "Rozenn", LastName = "Kerjean", FirstFaceToFaceMeetingOn = new DateOnly(2026, 10, 1) };
        configure?.Invoke(seed);
        return AccompaniedPerson.Seed(seed);
    }

    private static ConsentRecord Consent(AccompaniedPerson person, Modality modality, ConsentDecision decision, DateTimeOffset? at = null) =>
        ConsentRecord.Seed(person.DepartmentId, person.Id, modality, decision, at ?? Now.AddDays(-10), Worker);

    private static readonly List<ConsentRecord> Granted = AllGranted(Person());

    private static List<ConsentRecord> AllGranted(AccompaniedPerson person) =>
        Enum.GetValues<Modality>().Select(m => Consent(person, m, ConsentDecision.Granted)).ToList();

    private static InterviewPlan Plan(Modality modality = Modality.Phone) => new()
    {
        Modality = modality,
        ScheduledAt = Now.AddDays(1),
        DurationMinutes = 45,
        Objectives = "Faire le point sur le dossier de logement",
        VideoToolId = modality == Modality.Video ? Guid.NewGuid() : null,
    };

    private static ChecklistTemplate Template(Modality modality, int version = 1, bool published = true)
    {
        var template = ChecklistTemplate.Draft(56, modality, version);
        template.AddItem(ChecklistPhase.Before, "Lieu calme et confidentiel des deux côtés", true, null);
        template.AddItem(ChecklistPhase.Before, "Plan B prêt", false, null);
        template.AddItem(ChecklistPhase.During, "Reformuler ce qui a été compris", true, null);
        template.AddItem(ChecklistPhase.After, "Consigner l'entretien", true, null);
        if (published) template.PublishAsInstalledDefault(Now.AddDays(-30));
        return template;
    }

    private static Interview Scheduled(Modality modality = Modality.Phone, ChecklistTemplate? template = null)
    {
        var person = Person();
        return Interview.Schedule(person, Worker, Plan(modality), AllGranted(person), template, Now);
    }

    // --- Scheduling -------------------------------------------------------------------------------------------

    [Fact]
    public void Scheduling_with_consent_creates_a_planned_interview_with_its_participants()
    {
        var person = Person();
        var plan = Plan(Modality.Video) with
        {
            FallbackModality = Modality.Phone, FallbackPhone = "06 39 98 00 02", SendSmsReminder = true,
            Participants = [new ParticipantPlan("Maëlle Kerjean", ParticipantRelation.Family, PersonAgreed: true)],
        };
        var interview = Interview.Schedule(person, Worker, plan, AllGranted(person), null, Now);

        Assert.Equal(InterviewStatus.Planned, interview.Status);
        Assert.Equal(person.Id, interview.PersonId);
        Assert.Equal(56, interview.DepartmentId);
        Assert.Equal(Worker, interview.WorkerId);
        Assert.Equal(plan.VideoToolId, interview.VideoToolId);
        Assert.Equal(Modality.Phone, interview.FallbackModality);
        Assert.True(interview.SendSmsReminder);
        var participant = Assert.Single(interview.Participants);
        Assert.Equal("Maëlle Kerjean", participant.Name);
        Assert.Equal(56, participant.DepartmentId);
        Assert.Empty(interview.Checklist);
        Assert.Null(interview.ChecklistTemplateId);
    }

    [Theory]
    [InlineData(null, "pas encore donné son accord pour un échange par visioconférence")]
    [InlineData(ConsentDecision.Refused, "a refusé les échanges par visioconférence")]
    [InlineData(ConsentDecision.Withdrawn, "a retiré son accord pour les échanges par visioconférence")]
    public void Scheduling_is_refused_without_current_consent_to_the_modality(ConsentDecision? decision, string expected)
    {
        var person = Person();
        var consents = new List<ConsentRecord> { Consent(person, Modality.Video, ConsentDecision.Granted, Now.AddDays(-100)) };
        if (decision is { } d) consents.Add(Consent(person, Modality.Video, d));
        else consents.Clear();

        var error = Assert.Throws<DomainRuleException>(() => Interview.Schedule(person, Worker, Plan(Modality.Video), consents, null, Now));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_participant_the_person_did_not_agree_to_is_refused()
    {
        var person = Person();
        var plan = Plan() with { Participants = [new ParticipantPlan("Paul Stagiaire", ParticipantRelation.Trainee, PersonAgreed: false)] };
        var error = Assert.Throws<DomainRuleException>(() => Interview.Schedule(person, Worker, plan, AllGranted(person), null, Now));
        Assert.Contains("n'a pas donné son accord à la présence de Paul Stagiaire", error.Message);
    }

    [Fact]
    public void An_sms_reminder_needs_a_current_sms_consent()
    {
        var person = Person();
        var consents = new List<ConsentRecord> { Consent(person, Modality.Phone, ConsentDecision.Granted), Consent(person, Modality.Sms, ConsentDecision.Withdrawn) };
        var error = Assert.Throws<DomainRuleException>(() => Interview.Schedule(person, Worker, Plan() with { SendSmsReminder = true }, consents, null, Now));
        Assert.StartsWith("Rappel par SMS impossible : la personne a retiré son accord", error.Message);

        var withoutReminder = Interview.Schedule(person, Worker, Plan(), consents, null, Now);
        Assert.False(withoutReminder.SendSmsReminder);
    }

    [Fact]
    public void Plan_b_must_be_audio_or_phone_other_than_the_interview_and_consented()
    {
        var person = Person();
        var all = AllGranted(person);
        Assert.Throws<DomainRuleException>(() => Interview.Schedule(person, Worker, Plan() with { FallbackModality = Modality.Video, FallbackPhone = "06 39 98 00 02" }, all, null, Now));
        Assert.Throws<DomainRuleException>(() => Interview.Schedule(person, Worker, Plan() with { FallbackModality = Modality.Phone, FallbackPhone = "06 39 98 00 02" }, all, null, Now));
        Assert.Throws<DomainRuleException>(() => Interview.Schedule(person, Worker, Plan(Modality.Video) with { FallbackModality = Modality.Phone }, all, null, Now));

        var noAudio = new List<ConsentRecord> { Consent(person, Modality.Phone, ConsentDecision.Granted) };
        var error = Assert.Throws<DomainRuleException>(() =>
            Interview.Schedule(person, Worker, Plan() with { FallbackModality = Modality.AudioConference, FallbackPhone = "06 39 98 00 02" }, noAudio, null, Now));
        Assert.StartsWith("Plan B : la personne n'a pas encore donné son accord pour un échange par audioconférence", error.Message);
    }

    [Fact]
    public void Sms_is_not_an_interview_modality_and_video_needs_an_approved_tool()
    {
        var person = Person();
        Assert.Throws<DomainRuleException>(() => Interview.Schedule(person, Worker, Plan(Modality.Sms), AllGranted(person), null, Now));
        var error = Assert.Throws<DomainRuleException>(() =>
            Interview.Schedule(person, Worker, Plan(Modality.Video) with { VideoToolId = null }, AllGranted(person), null, Now));
        Assert.Contains("outil de visioconférence", error.Message);
    }

    [Fact]
    public void A_closed_follow_up_or_a_past_slot_cannot_be_scheduled()
    {
        var person = Person();
        person.Close("Déménagement", Now.AddDays(-1));
        Assert.Throws<DomainRuleException>(() => Interview.Schedule(person, Worker, Plan(), AllGranted(person), null, Now));

        var open = Person();
        Assert.Throws<DomainRuleException>(() => Interview.Schedule(open, Worker, Plan() with { ScheduledAt = Now.AddMinutes(-1) }, AllGranted(open), null, Now));
        Assert.Throws<DomainRuleException>(() => Interview.Schedule(open, Worker, Plan() with { DurationMinutes = 500 }, AllGranted(open), null, Now));
    }

    [Fact]
    public void Scheduling_copies_the_template_and_later_template_edits_do_not_change_the_interview()
    {
        var template = Template(Modality.Phone);
        var interview = Scheduled(Modality.Phone, template);

        Assert.Equal(template.Id, interview.ChecklistTemplateId);
        Assert.Equal(4, interview.Checklist.Count);
        Assert.All(interview.Checklist, i => Assert.Equal(interview.Id, i.InterviewId));

        // A new draft of the list changes nothing in the interview either.
        var draft = template.NewDraft(2);
        draft.UpdateItem(draft.Items[0].Id, "Texte changé après coup", true, null);
        draft.ReplaceItems([]);
        Assert.Equal(4, interview.Checklist.Count);
        Assert.Contains(interview.Checklist, i => i.Text == "Lieu calme et confidentiel des deux côtés");
    }

    [Fact]
    public void Only_a_published_template_of_the_same_modality_can_be_taken()
    {
        var draft = Template(Modality.Phone, published: false);
        Assert.Throws<DomainRuleException>(() => Scheduled(Modality.Phone, draft));
        Assert.Throws<DomainRuleException>(() => Scheduled(Modality.Phone, Template(Modality.Video)));
    }

    // --- Warnings ---------------------------------------------------------------------------------------------

    [Fact]
    public void A_slot_outside_preferred_times_and_working_hours_is_warned_about_not_refused()
    {
        // A preferred window is whole: from 10:00 until late evening, on Tuesdays and Thursdays.
        var person = Person(p => (p.PreferredDays, p.PreferredTimeFrom, p.PreferredTimeUntil) = ([2, 4], new TimeOnly(10, 0), new TimeOnly(21, 0)));
        var department = new Department();

        var tuesdayEvening = new DateTime(2026, 11, 24, 18, 0, 0);
        Assert.Equal([SlotWarning.OutsideWorkingHours], Interview.WarningsFor(person, department, tuesdayEvening, 45).Warnings);

        var mondayMorning = new DateTime(2026, 11, 23, 9, 0, 0);
        Assert.Equal([SlotWarning.OutsidePreferredTimes], Interview.WarningsFor(person, department, mondayMorning, 45).Warnings);

        var tuesdayMorning = new DateTime(2026, 11, 24, 10, 30, 0);
        Assert.Empty(Interview.WarningsFor(person, department, tuesdayMorning, 45).Warnings);
    }

    [Fact]
    public void A_person_never_met_face_to_face_is_warned_about()
    {
        var person = Person(p => p.FirstFaceToFaceMeetingOn = null);
        var warnings = Interview.WarningsFor(person, new Department(), new DateTime(2026, 11, 24, 10, 0, 0), 45).Warnings;
        Assert.Equal([SlotWarning.NeverMetFaceToFace], warnings);
        Assert.Contains("jamais rencontré", warnings[0].French());
    }

    // --- Lifecycle --------------------------------------------------------------------------------------------

    [Fact]
    public void Starting_needs_a_planned_interview_and_a_current_consent()
    {
        var person = Person();
        var consents = AllGranted(person);
        var interview = Interview.Schedule(person, Worker, Plan(), consents, null, Now);

        consents.Add(Consent(person, Modality.Phone, ConsentDecision.Withdrawn, Now.AddHours(1)));
        var error = Assert.Throws<DomainRuleException>(() => interview.Start(Now.AddDays(1), consents));
        Assert.Contains("a retiré son accord pour les échanges par téléphone", error.Message);
        Assert.Equal(InterviewStatus.Planned, interview.Status);

        consents.Add(Consent(person, Modality.Phone, ConsentDecision.Granted, Now.AddHours(2)));
        interview.Start(Now.AddDays(1), consents);
        Assert.Equal(InterviewStatus.InProgress, interview.Status);
        Assert.Equal(Now.AddDays(1), interview.StartedAt);
        Assert.Throws<DomainRuleException>(() => interview.Start(Now.AddDays(1), consents));
    }

    [Fact]
    public void Plan_b_switches_only_during_the_interview_and_only_to_audio_or_phone()
    {
        var person = Person();
        var consents = AllGranted(person);
        var interview = Interview.Schedule(person, Worker, Plan(Modality.Video), consents, null, Now);
        Assert.Throws<DomainRuleException>(() => interview.SwitchToFallback(Modality.Phone, "Coupure", Now, consents));

        interview.Start(Now.AddDays(1), consents);
        var toVideo = Assert.Throws<DomainRuleException>(() => interview.SwitchToFallback(Modality.Video, "Retour", Now.AddDays(1), consents));
        Assert.Equal("Le plan B passe à l'audioconférence ou au téléphone.", toVideo.Message);
        Assert.Throws<DomainRuleException>(() => interview.SwitchToFallback(Modality.Sms, "Par écrit", Now.AddDays(1), consents));
        Assert.Throws<DomainRuleException>(() => interview.SwitchToFallback(Modality.Phone, " ", Now.AddDays(1), consents));

        interview.SwitchToFallback(Modality.AudioConference, "Image figée", Now.AddDays(1).AddMinutes(5), consents);
        interview.SwitchToFallback(Modality.Phone, "Son coupé", Now.AddDays(1).AddMinutes(10), consents);
        Assert.Throws<DomainRuleException>(() => interview.SwitchToFallback(Modality.Phone, "Encore", Now.AddDays(1).AddMinutes(11), consents));

        Assert.Equal(Modality.Phone, interview.CurrentModality);
        Assert.Equal([(Modality.Video, Modality.AudioConference), (Modality.AudioConference, Modality.Phone)],
            interview.FallbackSwitches.Select(s => (s.From, s.To)));
    }

    [Fact]
    public void Plan_b_needs_consent_to_the_modality_switched_to()
    {
        var person = Person();
        var consents = new List<ConsentRecord> { Consent(person, Modality.Video, ConsentDecision.Granted) };
        var interview = Interview.Schedule(person, Worker, Plan(Modality.Video), consents, null, Now);
        interview.Start(Now.AddDays(1), consents);
        var error = Assert.Throws<DomainRuleException>(() => interview.SwitchToFallback(Modality.Phone, "Coupure", Now.AddDays(1), consents));
        Assert.StartsWith("Le passage au plan B n'est pas possible.", error.Message);
        Assert.Empty(interview.FallbackSwitches);
    }

    [Fact]
    public void Completing_is_refused_while_required_before_or_during_items_are_unticked_unless_explained()
    {
        var interview = Scheduled(Modality.Phone, Template(Modality.Phone));
        interview.Start(Now.AddDays(1), Granted);

        var error = Assert.Throws<DomainRuleException>(() => interview.Complete(new InterviewOutcome("Point fait sur le logement."), Now.AddDays(1), Granted));
        Assert.Contains("« Avant » ou « Pendant »", error.Message);
        Assert.Equal(InterviewStatus.InProgress, interview.Status);

        interview.Complete(new InterviewOutcome("Point fait sur le logement.", IncompleteChecklistJustification: "La personne a dû raccrocher plus tôt."), Now.AddDays(1), Granted);
        Assert.Equal(InterviewStatus.Completed, interview.Status);
        Assert.Equal("La personne a dû raccrocher plus tôt.", interview.IncompleteChecklistJustification);
    }

    [Fact]
    public void Unticked_after_items_do_not_block_completion_and_the_outcome_is_kept()
    {
        var interview = Scheduled(Modality.Phone, Template(Modality.Phone));
        interview.Start(Now.AddDays(1), Granted);
        foreach (var item in interview.Checklist.Where(i => i.Phase != ChecklistPhase.After)) interview.Tick(item.Id, true, Worker, Now.AddDays(1));

        interview.Complete(new InterviewOutcome("Dossier complet.", PrivateNote: "  Impression personnelle  ", FaceToFaceTopics: "Les dettes",
            FaceToFaceNeeded: true, FaceToFaceReason: FaceToFaceReason.HomeObservation), Now.AddDays(1).AddMinutes(40), Granted);

        Assert.Equal(InterviewStatus.Completed, interview.Status);
        Assert.Equal("Impression personnelle", interview.PrivateNote);
        Assert.Equal(FaceToFaceReason.HomeObservation, interview.FaceToFaceReason);
        Assert.Null(interview.IncompleteChecklistJustification);
        Assert.Equal(Now.AddDays(1).AddMinutes(40), interview.EndedAt);
        Assert.Throws<DomainRuleException>(() => interview.Complete(new InterviewOutcome("Encore"), Now.AddDays(2), Granted));
    }

    [Fact]
    public void A_face_to_face_meeting_needs_a_reason_and_a_summary_is_required()
    {
        var interview = Scheduled();
        interview.Start(Now.AddDays(1), Granted);
        Assert.Throws<DomainRuleException>(() => interview.Complete(new InterviewOutcome("Fait", FaceToFaceNeeded: true), Now.AddDays(1), Granted));
        Assert.Throws<DomainRuleException>(() => interview.Complete(new InterviewOutcome("  "), Now.AddDays(1), Granted));
        Assert.Equal(InterviewStatus.InProgress, interview.Status);
    }

    [Fact]
    public void Postponing_links_the_new_interview_and_closes_the_old_checklist()
    {
        var person = Person();
        var consents = AllGranted(person);
        var template = Template(Modality.Phone);
        var interview = Interview.Schedule(person, Worker, Plan(), consents, template, Now);
        var next = Interview.Schedule(person, Worker, Plan() with { ScheduledAt = Now.AddDays(3) }, consents, template, Now);

        interview.PostponeTo(next, PostponeReason.ThirdPartyHindersFreeSpeech, null, Now.AddDays(1));

        Assert.Equal(InterviewStatus.Postponed, interview.Status);
        Assert.Equal(next.Id, interview.RescheduledToId);
        Assert.Equal(PostponeReason.ThirdPartyHindersFreeSpeech, interview.PostponeReason);
        Assert.NotEqual(interview.Checklist[0].Id, next.Checklist[0].Id);
        Assert.Throws<DomainRuleException>(() => interview.Tick(interview.Checklist[0].Id, true, Worker, Now.AddDays(1)));
        Assert.Throws<DomainRuleException>(() => interview.Cancel("Trop tard", Now.AddDays(1)));
    }

    [Fact]
    public void Postponing_for_an_other_reason_needs_a_comment_and_a_future_date()
    {
        var person = Person();
        var consents = AllGranted(person);
        var interview = Interview.Schedule(person, Worker, Plan(), consents, null, Now);
        var next = Interview.Schedule(person, Worker, Plan() with { ScheduledAt = Now.AddDays(3) }, consents, null, Now);
        Assert.Throws<DomainRuleException>(() => interview.PostponeTo(next, PostponeReason.Other, " ", Now));
        Assert.Throws<DomainRuleException>(() => interview.PostponeTo(next, PostponeReason.PersonUnavailable, null, Now.AddDays(4)));
        Assert.Throws<DomainRuleException>(() => interview.PostponeTo(interview, PostponeReason.PersonUnavailable, null, Now));
        Assert.Equal(InterviewStatus.Planned, interview.Status);
    }

    [Fact]
    public void No_show_can_be_recorded_only_once_the_time_has_come()
    {
        var interview = Scheduled();
        Assert.Throws<DomainRuleException>(() => interview.MarkNoShow(null, Now));
        interview.MarkNoShow("Pas de réponse à trois appels", Now.AddDays(1).AddMinutes(20));
        Assert.Equal(InterviewStatus.NoShow, interview.Status);
        Assert.Throws<DomainRuleException>(() => interview.Start(Now.AddDays(1), Granted));
        Assert.Throws<DomainRuleException>(() => interview.Complete(new InterviewOutcome("x"), Now.AddDays(1), Granted));
    }

    [Fact]
    public void Cancelled_interviews_stay_cancelled()
    {
        var interview = Scheduled();
        interview.Cancel("La personne a trouvé un emploi", Now);
        Assert.Equal(InterviewStatus.Cancelled, interview.Status);
        Assert.Throws<DomainRuleException>(() => interview.Cancel("Encore", Now));
        Assert.Throws<DomainRuleException>(() => interview.MarkNoShow(null, Now.AddDays(2)));
    }

    [Fact]
    public void Ticking_keeps_the_first_time_and_unticking_clears_it()
    {
        var interview = Scheduled(Modality.Phone, Template(Modality.Phone));
        var item = interview.Checklist[0];
        interview.Tick(item.Id, true, Worker, Now);
        interview.Tick(item.Id, true, Guid.NewGuid(), Now.AddMinutes(5));
        Assert.Equal(Now, item.CheckedAt);
        Assert.Equal(Worker, item.CheckedById);

        interview.Tick(item.Id, false, Worker, Now.AddMinutes(6));
        Assert.False(item.IsChecked);
        Assert.Null(item.CheckedById);

        Assert.Throws<DomainRuleException>(() => interview.Tick(Guid.NewGuid(), true, Worker, Now));
    }

    [Fact]
    public void The_next_appointment_is_linked_only_from_a_completed_interview()
    {
        var person = Person();
        var consents = AllGranted(person);
        var interview = Interview.Schedule(person, Worker, Plan(), consents, null, Now);
        var next = Interview.Schedule(person, Worker, Plan() with { ScheduledAt = Now.AddDays(15) }, consents, null, Now);
        Assert.Throws<DomainRuleException>(() => interview.PlanNext(next));

        interview.Start(Now.AddDays(1), Granted);
        interview.Complete(new InterviewOutcome("Fait"), Now.AddDays(1), Granted);
        interview.PlanNext(next);
        Assert.Equal(next.Id, interview.NextInterviewId);
    }
}
