using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Domain.Tests.Interviews;

/// <summary>The interview rules that used to live in the pages (issue 12), now methods of the domain.</summary>
public sealed class InterviewRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Worker = Guid.NewGuid();

    private static AccompaniedPerson Person() =>
        AccompaniedPerson.Seed(new PersonSeed { DepartmentId = 56, FirstName = "Rozenn", LastName = "Kerjean", FirstFaceToFaceMeetingOn = new DateOnly(2026, 10, 1) });

    private static ConsentRecord Consent(AccompaniedPerson person, Modality modality, ConsentDecision decision, DateTimeOffset at) =>
        ConsentRecord.Seed(person.DepartmentId, person.Id, modality, decision, at, Worker);

    private static List<ConsentRecord> Granted(AccompaniedPerson person, params Modality[] modalities) =>
        modalities.Select(m => Consent(person, m, ConsentDecision.Granted, Now.AddDays(-10))).ToList();

    private static InterviewPlan Plan(Modality modality, DateTimeOffset at) => new()
    {
        Modality = modality, ScheduledAt = at, Objectives = "Point d'étape", VideoToolId = modality == Modality.Video ? Guid.NewGuid() : null,
    };

    // --- Completing: never before the interview took place ----------------------------------------------------

    [Fact]
    public void An_interview_dated_next_week_cannot_be_completed_today()
    {
        var person = Person();
        var consents = Granted(person, Modality.Phone);
        var interview = Interview.Schedule(person, Worker, Plan(Modality.Phone, Now.AddDays(7)), consents, null, Now);

        var error = Assert.Throws<DomainRuleException>(() => interview.Complete(new InterviewOutcome("Fait"), Now.AddHours(1), consents));

        Assert.Contains("n'a pas encore eu lieu", error.Message);
        Assert.Equal(InterviewStatus.Planned, interview.Status);
        Assert.Null(interview.EndedAt);
        Assert.False(InterviewStatusRules.CompletionPossible(interview.Status, interview.ScheduledAt, Now.AddHours(1)));
    }

    [Fact]
    public void A_planned_interview_is_completed_once_its_time_has_come_if_the_person_agreed_then()
    {
        var person = Person();
        var consents = Granted(person, Modality.Phone);
        var interview = Interview.Schedule(person, Worker, Plan(Modality.Phone, Now.AddDays(1)), consents, null, Now);
        Assert.True(InterviewStatusRules.CompletionPossible(interview.Status, interview.ScheduledAt, Now.AddDays(1)));

        interview.Complete(new InterviewOutcome("Fait"), Now.AddDays(1).AddHours(1), consents);

        Assert.Equal(InterviewStatus.Completed, interview.Status);
        Assert.Equal(Now.AddDays(1).AddHours(1), interview.EndedAt);
    }

    [Fact]
    public void Completing_a_never_started_interview_needs_the_consent_in_force_at_its_time()
    {
        var person = Person();
        var consents = Granted(person, Modality.Phone);
        var interview = Interview.Schedule(person, Worker, Plan(Modality.Phone, Now.AddDays(1)), consents, null, Now);
        consents.Add(Consent(person, Modality.Phone, ConsentDecision.Withdrawn, Now.AddHours(2)));

        var error = Assert.Throws<DomainRuleException>(() => interview.Complete(new InterviewOutcome("Fait"), Now.AddDays(2), consents));

        Assert.StartsWith("L'entretien ne peut pas être réalisé.", error.Message);
        Assert.Equal(InterviewStatus.Planned, interview.Status);
    }

    [Fact]
    public void An_interview_in_progress_is_completed_whatever_the_clock_says()
    {
        var person = Person();
        var consents = Granted(person, Modality.Phone);
        var interview = Interview.Schedule(person, Worker, Plan(Modality.Phone, Now.AddDays(1)), consents, null, Now);
        interview.Start(Now.AddHours(1), consents);

        interview.Complete(new InterviewOutcome("Fait"), Now.AddHours(2), consents);

        Assert.Equal(InterviewStatus.Completed, interview.Status);
        Assert.Equal(Now.AddHours(1), interview.StartedAt);
    }

    // --- What carries over to the following appointment --------------------------------------------------------

    [Fact]
    public void Plan_B_and_the_SMS_reminder_carry_over_while_the_person_still_agrees()
    {
        var person = Person();
        var consents = Granted(person, Modality.Video, Modality.Phone, Modality.Sms);
        var interview = Interview.Schedule(person, Worker, Plan(Modality.Video, Now.AddDays(1)) with
        {
            FallbackModality = Modality.Phone, FallbackPhone = "0639980001", SendSmsReminder = true,
            Participants = [new ParticipantPlan("Anne Interprète", ParticipantRelation.Interpreter, PersonAgreed: true)],
        }, consents, null, Now);

        var postponed = interview.FollowingPlan(new FollowingAppointment { ScheduledAt = Now.AddDays(3), KeepParticipants = true }, consents, Now);

        Assert.Equal((Modality.Video, Modality.Phone, "0639980001", true), (postponed.Plan.Modality, postponed.Plan.FallbackModality, postponed.Plan.FallbackPhone, postponed.Plan.SendSmsReminder));
        Assert.Equal(interview.VideoToolId, postponed.Plan.VideoToolId);
        Assert.Equal("Anne Interprète", Assert.Single(postponed.Plan.Participants).Name);
        Assert.False(postponed.SmsReminderDropped);
        Assert.False(postponed.FallbackDropped);
    }

    [Fact]
    public void What_no_longer_holds_is_dropped_and_said_never_a_reason_to_refuse()
    {
        var person = Person();
        var consents = Granted(person, Modality.Video, Modality.Phone, Modality.Sms);
        var interview = Interview.Schedule(person, Worker, Plan(Modality.Video, Now.AddDays(1)) with
        {
            FallbackModality = Modality.Phone, FallbackPhone = "0639980001", SendSmsReminder = true,
        }, consents, null, Now);
        consents.Add(Consent(person, Modality.Sms, ConsentDecision.Withdrawn, Now.AddHours(1)));

        var next = interview.FollowingPlan(new FollowingAppointment { ScheduledAt = Now.AddDays(7), Modality = Modality.Phone, DurationMinutes = 30 },
            consents, Now.AddHours(2));

        // By phone, plan B by phone is no plan; SMS is no longer accepted.
        Assert.Equal((Modality.Phone, (Modality?)null, false, 30), (next.Plan.Modality, next.Plan.FallbackModality, next.Plan.SendSmsReminder, next.Plan.DurationMinutes));
        Assert.Null(next.Plan.VideoToolId);
        Assert.Empty(next.Plan.Participants);
        Assert.True(next.SmsReminderDropped);
        Assert.True(next.FallbackDropped);
        var scheduled = Interview.Schedule(person, Worker, next.Plan, consents, null, Now.AddHours(2));
        Assert.False(scheduled.SendSmsReminder);
    }

    // --- Postponing, plan B, no-show, ticking -----------------------------------------------------------------

    [Fact]
    public void Only_an_open_interview_can_be_postponed()
    {
        var person = Person();
        var consents = Granted(person, Modality.Phone);
        var interview = Interview.Schedule(person, Worker, Plan(Modality.Phone, Now.AddDays(1)), consents, null, Now);
        interview.EnsureCanPostpone();
        interview.Cancel("Plus nécessaire", Now);

        var error = Assert.Throws<DomainRuleException>(interview.EnsureCanPostpone);
        Assert.Equal("Un entretien « Annulé » ne peut pas être reporté.", error.Message);
    }

    [Fact]
    public void Plan_B_offers_only_agreed_modalities_other_than_the_one_in_use()
    {
        var person = Person();
        var phoneOnly = Granted(person, Modality.Video, Modality.Phone);

        Assert.Equal([Modality.Phone], Interview.FallbackChoices(Modality.Video, phoneOnly, Now));
        Assert.Empty(Interview.FallbackChoices(Modality.Phone, phoneOnly, Now));
        Assert.Equal([Modality.AudioConference], Interview.FallbackChoices(Modality.Phone, Granted(person, Modality.Phone, Modality.AudioConference), Now));
    }

    [Fact]
    public void What_the_interview_page_offers_follows_the_status_and_the_time()
    {
        Assert.True(InterviewStatus.Completed.CanTick());
        Assert.False(InterviewStatus.Postponed.CanTick());
        Assert.False(InterviewStatusRules.NoShowPossible(InterviewStatus.Planned, Now, Now.AddMinutes(-1)));
        Assert.True(InterviewStatusRules.NoShowPossible(InterviewStatus.InProgress, Now, Now));
        Assert.False(InterviewStatusRules.NoShowPossible(InterviewStatus.Completed, Now, Now.AddDays(1)));
        Assert.True(InterviewStatusRules.CompletionPossible(InterviewStatus.InProgress, Now.AddDays(7), Now));
    }

    // --- Follow-up actions ------------------------------------------------------------------------------------

    [Fact]
    public void A_follow_up_action_is_done_once_and_keeps_its_first_time()
    {
        var person = Person();
        var consents = Granted(person, Modality.Phone);
        var interview = Interview.Schedule(person, Worker, Plan(Modality.Phone, Now.AddDays(1)), consents, null, Now);
        var action = FollowUpAction.Decide(interview, " La personne ", " Envoyer l'avis d'imposition ", new DateOnly(2026, 12, 4));
        Assert.Equal(("La personne", "Envoyer l'avis d'imposition", person.Id, interview.Id), (action.Who, action.What, action.PersonId, action.InterviewId!.Value));

        Assert.True(action.MarkDone(Now));
        Assert.False(action.MarkDone(Now.AddDays(1)));
        Assert.Equal(Now, action.DoneAt);
        Assert.Throws<DomainRuleException>(() => FollowUpAction.Decide(interview, " ", "Quoi", new DateOnly(2026, 12, 4)));
    }

    // --- Scheduling form: every consent refusal at once ----------------------------------------------------------

    [Fact]
    public void A_half_filled_form_gets_every_consent_refusal_at_once()
    {
        var person = Person();
        var refusals = Interview.ConsentRefusals(Modality.Video, Modality.AudioConference, smsReminder: true,
            [new ParticipantPlan("Maëlle Kerjean", ParticipantRelation.Family, PersonAgreed: false)], Granted(person, Modality.Phone), Now);

        Assert.Equal(4, refusals.Count);
        Assert.StartsWith("Plan B : ", refusals[1]);
        Assert.StartsWith("Rappel par SMS impossible : ", refusals[2]);
        Assert.Contains("Maëlle Kerjean", refusals[3]);
        Assert.Empty(Interview.ConsentRefusals(null, null, false, [], [], Now));
    }

    [Fact]
    public void The_duration_rule_says_the_same_words_everywhere()
    {
        var person = Person();
        var error = Assert.Throws<DomainRuleException>(() =>
            Interview.Schedule(person, Worker, Plan(Modality.Phone, Now.AddDays(1)) with { DurationMinutes = 200 }, Granted(person, Modality.Phone), null, Now));
        Assert.Equal("La durée annoncée va de 5 minutes à 3 heures.", error.Message);
        Assert.Equal(Interview.DurationRule, error.Message);
    }

    [Fact]
    public void A_confirmation_counts_only_for_the_warnings_it_names()
    {
        var check = new SlotCheck([SlotWarning.OutsideWorkingHours, SlotWarning.NeverMetFaceToFace]);
        Assert.True(check.NeedsConfirmation(null));
        Assert.True(check.NeedsConfirmation("OutsideWorkingHours"));
        Assert.False(check.NeedsConfirmation(check.Key));
        Assert.False(new SlotCheck([]).NeedsConfirmation(null));
    }

    // --- The agenda's points of attention -------------------------------------------------------------------

    [Fact]
    public void The_agenda_flags_a_cancelled_SMS_reminder_a_slot_outside_working_hours_and_a_person_never_met()
    {
        var person = Person();
        var consents = Granted(person, Modality.Phone, Modality.Sms);
        consents.Add(Consent(person, Modality.Sms, ConsentDecision.Withdrawn, Now.AddDays(-1)));
        var upcoming = new UpcomingInterview(Modality.Phone, InterviewStatus.Planned, Now.AddDays(3), SendSmsReminder: true,
            RequiredBeforeLeft: 1, WithinWorkingHours: false, FirstMeetingPending: true);

        var points = InterviewAttention.For(upcoming, consents, Now);

        Assert.Equal([AttentionPoint.SmsReminderCancelled, AttentionPoint.OutsideWorkingHours, AttentionPoint.NeverMetFaceToFace], points);
        Assert.All(points, p => Assert.False(p.IsBlocking()));
    }

    [Fact]
    public void The_agenda_flags_consent_and_late_preparation_and_nothing_when_all_is_well()
    {
        var person = Person();
        var soon = new UpcomingInterview(Modality.Video, InterviewStatus.Planned, Now.AddHours(5), false, 2, true, false);
        Assert.Equal([AttentionPoint.ConsentMissing, AttentionPoint.PreparationIncomplete], InterviewAttention.For(soon, Granted(person, Modality.Phone), Now));

        var withdrawn = Granted(person, Modality.Video);
        withdrawn.Add(Consent(person, Modality.Video, ConsentDecision.Withdrawn, Now.AddDays(-1)));
        Assert.Equal([AttentionPoint.ConsentWithdrawn], InterviewAttention.For(soon with { RequiredBeforeLeft = 0 }, withdrawn, Now));
        Assert.True(AttentionPoint.ConsentWithdrawn.IsBlocking());

        var fine = soon with { ScheduledAt = Now.AddDays(3), SendSmsReminder = true };
        Assert.Empty(InterviewAttention.For(fine, Granted(person, Modality.Video, Modality.Sms), Now));
    }
}
