using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Groups;
using RemoteSupport.Domain.Interviews;

namespace RemoteSupport.Domain.Tests.Groups;

public sealed class GroupSessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Next = Now.AddDays(7);
    private static readonly Guid Worker = Guid.NewGuid();
    private static readonly Guid Tool = Guid.NewGuid();

    private static GroupSessionDetails Details(int capacity = 4, int duration = 90, Modality modality = Modality.Video, DateTimeOffset? at = null) =>
        new("Faire le point sur son budget", at ?? Next, duration, modality, Tool, "https://visio.example/abc", capacity,
            "1. Présentations\n2. Budget du mois", "Chacun son tour.", Worker, null, null);

    private static GroupSession Session(int capacity = 4) => GroupSession.Plan(1, Worker, Details(capacity), 8, Now);

    private static List<ConsentRecord> Agreed(Guid person, params Modality[] modalities) =>
        modalities.Select(m => ConsentRecord.Seed(1, person, m, ConsentDecision.Granted, Now.AddDays(-3), Worker)).ToList();

    private static List<ConsentRecord> ReadyFor(Guid person) => Agreed(person, Modality.Video, Modality.Group);

    private static PersonStanding Active(Guid person) => new(person, RemoteSupport.Domain.Persons.PersonStatus.Active, false, false);

    private static GroupParticipant Enrol(GroupSession s, Guid person, bool byReferent = true) =>
        s.Enrol(Active(person), byReferent, ReadyFor(person), Worker, Now).Participant;

    [Theory]
    [InlineData(45, new[] { 45 })]
    [InlineData(60, new[] { 25, 10, 25 })]
    [InlineData(90, new[] { 40, 10, 40 })]
    [InlineData(75, new[] { 32, 10, 33 })]
    public void Past_45_minutes_a_break_is_planned_and_no_stretch_passes_45_minutes(int duration, int[] parts)
    {
        var outline = GroupRules.Outline(duration);
        Assert.Equal(parts, outline.Select(p => p.Minutes));
        Assert.All(outline.Where(p => !p.IsBreak), p => Assert.True(p.Minutes <= GroupRules.MaxStretchMinutes));
        Assert.Equal(duration > 45, outline.Any(p => p.IsBreak));
        Assert.Equal(duration, outline.Sum(p => p.Minutes));
    }

    [Fact]
    public void A_session_lasts_at_most_90_minutes()
    {
        var e = Assert.Throws<DomainRuleException>(() => GroupSession.Plan(1, Worker, Details(duration: 95), 8, Now));
        Assert.Contains("1 h 30", e.Message);
    }

    [Fact]
    public void Above_six_the_guide_warns_and_above_the_department_limit_the_session_is_refused()
    {
        Assert.Null(GroupSession.Plan(1, Worker, Details(capacity: 6), 8, Now).CapacityWarning);
        Assert.Contains("4 à 6", GroupSession.Plan(1, Worker, Details(capacity: 7), 8, Now).CapacityWarning);
        var e = Assert.Throws<DomainRuleException>(() => GroupSession.Plan(1, Worker, Details(capacity: 9), 8, Now));
        Assert.Contains("8 participants", e.Message);
    }

    [Fact]
    public void A_group_session_is_held_by_video_or_audio_conference_with_an_approved_tool()
    {
        Assert.Throws<DomainRuleException>(() => GroupSession.Plan(1, Worker, Details(modality: Modality.Phone), 8, Now));
        Assert.Throws<DomainRuleException>(() => GroupSession.Plan(1, Worker, Details() with { ToolId = null }, 8, Now));
        Assert.Throws<DomainRuleException>(() => GroupSession.Plan(1, Worker, Details(at: Now.AddMinutes(-1)), 8, Now));
        Assert.Equal(Modality.AudioConference, GroupSession.Plan(1, Worker, Details(modality: Modality.AudioConference), 8, Now).Modality);
    }

    [Fact]
    public void Joining_needs_the_modality_consent_and_the_group_agreement()
    {
        var s = Session();
        var person = Guid.NewGuid();
        var noGroup = Assert.Throws<DomainRuleException>(() => s.Enrol(Active(person), true, Agreed(person, Modality.Video), Worker, Now));
        Assert.Contains("participer à un groupe", noGroup.Message);
        var noVideo = Assert.Throws<DomainRuleException>(() => s.Enrol(Active(person), true, Agreed(person, Modality.Group, Modality.Phone), Worker, Now));
        Assert.Contains("visioconférence", noVideo.Message);
        var withdrawn = Agreed(person, Modality.Video, Modality.Group);
        withdrawn.Add(ConsentRecord.Seed(1, person, Modality.Group, ConsentDecision.Withdrawn, Now.AddDays(-1), Worker));
        Assert.Contains("retiré", Assert.Throws<DomainRuleException>(() => s.Enrol(Active(person), true, withdrawn, Worker, Now)).Message);
        Assert.Empty(s.Participants);
        Assert.Equal(ParticipantStatus.Registered, s.Enrol(Active(person), true, ReadyFor(person), Worker, Now).Status);
    }

    [Fact]
    public void The_group_agreement_is_not_a_way_to_contact_the_person()
    {
        var person = Guid.NewGuid();
        Assert.False(ConsentPolicy.HasRemoteConsentAt(Agreed(person, Modality.Group), Now));
        Assert.False(Modality.Group.IsContact());
    }

    [Fact]
    public void Past_the_capacity_persons_wait_in_order_and_a_freed_seat_goes_to_the_first_in_line()
    {
        var s = Session(capacity: 2);
        var a = Enrol(s, Guid.NewGuid());
        Enrol(s, Guid.NewGuid());
        var third = Enrol(s, Guid.NewGuid());
        var fourth = Enrol(s, Guid.NewGuid());
        Assert.Equal(2, s.SeatsTaken);
        Assert.Equal([third.Id, fourth.Id], s.WaitingList.Select(p => p.Id));

        var change = s.Withdraw(a.Id, Worker, Now);

        Assert.Equal(ParticipantStatus.Withdrawn, change.Status);
        Assert.Same(third, change.Promoted);
        Assert.Equal(ParticipantStatus.Registered, third.Status);
        Assert.Equal(2, s.SeatsTaken);
        Assert.Equal([fourth.Id], s.WaitingList.Select(p => p.Id));
    }

    [Fact]
    public void A_person_holds_one_place_at_most()
    {
        var s = Session();
        var person = Guid.NewGuid();
        Enrol(s, person);
        Assert.Throws<DomainRuleException>(() => Enrol(s, person));
    }

    [Fact]
    public void A_person_proposed_by_someone_else_waits_for_their_referent_who_checks_the_consents()
    {
        var s = Session(capacity: 2);
        var person = Guid.NewGuid();
        var proposed = s.Enrol(Active(person), byTheirReferent: false, [], Worker, Now);
        Assert.Equal(ParticipantStatus.Proposed, proposed.Status);
        Assert.Equal(0, s.SeatsTaken);

        Assert.Throws<DomainRuleException>(() => s.Confirm(proposed.Participant.Id, Active(person), Agreed(person, Modality.Video), Worker, Now));
        var confirmed = s.Confirm(proposed.Participant.Id, Active(person), ReadyFor(person), Worker, Now);
        Assert.Equal(ParticipantStatus.Registered, confirmed.Status);
        Assert.Equal(1, s.SeatsTaken);
        Assert.Throws<DomainRuleException>(() => s.Decline(proposed.Participant.Id, Worker, Now));
    }

    [Fact]
    public void A_smaller_capacity_than_the_seats_taken_is_refused_and_a_larger_one_serves_the_waiting_list()
    {
        var s = Session(capacity: 2);
        Enrol(s, Guid.NewGuid());
        Enrol(s, Guid.NewGuid());
        var waiting = Enrol(s, Guid.NewGuid());
        Assert.Throws<DomainRuleException>(() => s.Change(Details(capacity: 1), 8, Now));
        var promoted = s.Change(Details(capacity: 3), 8, Now);
        Assert.Equal([waiting.Id], promoted.Select(p => p.Id));
        Assert.Equal(3, s.SeatsTaken);
    }

    [Fact]
    public void Every_change_of_the_participants_moves_the_seats_version()
    {
        var s = Session();
        var before = s.SeatsVersion;
        var p = Enrol(s, Guid.NewGuid());
        Assert.True(s.SeatsVersion > before);
        before = s.SeatsVersion;
        s.Withdraw(p.Id, Worker, Now);
        Assert.True(s.SeatsVersion > before);
    }

    [Fact]
    public void Attendance_is_noted_once_the_session_started_for_every_registered_participant_and_the_session_is_held()
    {
        var s = Session();
        var a = Enrol(s, Guid.NewGuid());
        var b = Enrol(s, Guid.NewGuid());
        var sheet = new Dictionary<Guid, Attendance> { [a.Id] = Attendance.Present, [b.Id] = Attendance.Excused };
        Assert.Throws<DomainRuleException>(() => s.RecordAttendance(sheet, Worker, Now));
        Assert.Throws<DomainRuleException>(() => s.RecordAttendance(new Dictionary<Guid, Attendance> { [a.Id] = Attendance.Present }, Worker, Next));

        var changed = s.RecordAttendance(sheet, Worker, Next.AddMinutes(90));

        Assert.Equal(2, changed.Count);
        Assert.Equal(GroupSessionStatus.Held, s.Status);
        Assert.Equal(Attendance.Excused, b.Attendance);
        // A correction changes only what changed.
        sheet[b.Id] = Attendance.Absent;
        Assert.Equal([b.Id], s.RecordAttendance(sheet, Worker, Next.AddHours(2)).Select(p => p.Id));
        Assert.Throws<DomainRuleException>(() => s.Withdraw(a.Id, Worker, Next.AddHours(2)));
    }

    [Fact]
    public void The_shared_summary_names_nobody_and_carries_no_number_or_address()
    {
        var s = Session();
        var a = Enrol(s, Guid.NewGuid());
        s.RecordAttendance(new Dictionary<Guid, Attendance> { [a.Id] = Attendance.Present }, Worker, Next.AddMinutes(90));
        string[] names = ["Rozenn", "Kerjean", "Yves", "Le Gall"];
        Assert.Contains("ne nomme aucun participant", Assert.Throws<DomainRuleException>(
            () => s.WriteSummary("Rozenn a présenté son budget.", names, Next.AddHours(2))).Message);
        Assert.Contains("numéro", Assert.Throws<DomainRuleException>(
            () => s.WriteSummary("Rappeler le 06 12 34 56 78.", names, Next.AddHours(2))).Message);
        Assert.Contains("e-mail", Assert.Throws<DomainRuleException>(
            () => s.WriteSummary("Écrire à quelqu.un@exemple.fr.", names, Next.AddHours(2))).Message);
        // "Yves" inside another word is not a name.
        s.WriteSummary("Le groupe a parlé des dépenses de la rentrée et des aides Yvesline.", names, Next.AddHours(2));
        Assert.StartsWith("Le groupe", s.Summary);
    }

    [Fact]
    public void Follow_ups_go_to_participants_who_were_there_once_attendance_is_noted()
    {
        var s = Session();
        var present = Enrol(s, Guid.NewGuid());
        var absent = Enrol(s, Guid.NewGuid());
        Assert.Throws<DomainRuleException>(() => FollowUpAction.FromGroupSession(s, present.Id, "La personne", "Apporter ses factures", new DateOnly(2026, 12, 10)));
        s.RecordAttendance(new Dictionary<Guid, Attendance> { [present.Id] = Attendance.Present, [absent.Id] = Attendance.Absent }, Worker, Next.AddMinutes(90));

        var action = FollowUpAction.FromGroupSession(s, present.Id, "La personne", "Apporter ses factures", new DateOnly(2026, 12, 10));

        Assert.Equal(present.PersonId, action.PersonId);
        Assert.Equal(s.Id, action.GroupSessionId);
        Assert.Throws<DomainRuleException>(() => FollowUpAction.FromGroupSession(s, absent.Id, "La personne", "Apporter ses factures", new DateOnly(2026, 12, 10)));
    }

    [Fact]
    public void A_cancelled_session_takes_no_more_participants()
    {
        var s = Session();
        s.Cancel("Animatrice malade", Now);
        Assert.Equal(GroupSessionStatus.Cancelled, s.Status);
        Assert.Throws<DomainRuleException>(() => Enrol(s, Guid.NewGuid()));
        Assert.Throws<DomainRuleException>(() => s.Cancel("encore", Now));
    }

    [Fact]
    public void The_session_copies_the_published_group_checklist_of_its_department()
    {
        var s = Session();
        var template = ChecklistTemplate.Draft(1, Modality.Group, 1);
        template.AddItem(ChecklistPhase.Before, "Ordre du jour envoyé", true, null);
        Assert.Throws<DomainRuleException>(() => s.TakeChecklist(template));
        template.Publish(Worker, Now);
        s.TakeChecklist(template);
        var item = Assert.Single(s.Checklist);
        s.Tick(item.Id, true, Worker, Now);
        Assert.True(item.IsChecked);
        var phone = ChecklistTemplate.Draft(1, Modality.Phone, 1);
        phone.AddItem(ChecklistPhase.Before, "x", true, null);
        phone.Publish(Worker, Now);
        Assert.Throws<DomainRuleException>(() => s.TakeChecklist(phone));
    }

    [Fact]
    public void The_department_sets_its_hard_maximum_within_bounds()
    {
        var d = new Department();
        Assert.Equal(Department.DefaultGroupMaxParticipants, d.GroupMaxParticipants);
        d.ChangeGroupMaxParticipants(6);
        Assert.Equal(6, d.GroupMaxParticipants);
        Assert.Throws<DomainRuleException>(() => d.ChangeGroupMaxParticipants(1));
        Assert.Throws<DomainRuleException>(() => d.ChangeGroupMaxParticipants(21));
    }

    [Fact]
    public void A_closed_anonymised_or_restricted_file_takes_part_in_no_session_even_proposed()
    {
        var s = Session();
        var person = Guid.NewGuid();
        Assert.Contains("clos", Assert.Throws<DomainRuleException>(
            () => s.Enrol(new PersonStanding(person, RemoteSupport.Domain.Persons.PersonStatus.Closed, false, false), true, ReadyFor(person), Worker, Now)).Message);
        Assert.Contains("anonymisé", Assert.Throws<DomainRuleException>(
            () => s.Enrol(new PersonStanding(person, RemoteSupport.Domain.Persons.PersonStatus.Active, true, false), false, [], Worker, Now)).Message);
        var proposed = s.Enrol(Active(person), false, [], Worker, Now);
        Assert.Contains("limité", Assert.Throws<DomainRuleException>(
            () => s.Confirm(proposed.Participant.Id, new PersonStanding(person, RemoteSupport.Domain.Persons.PersonStatus.Active, false, true), ReadyFor(person), Worker, Now)).Message);
        Assert.Throws<DomainRuleException>(() => s.Confirm(proposed.Participant.Id, Active(Guid.NewGuid()), ReadyFor(person), Worker, Now));
    }

    [Fact]
    public void Registration_closes_at_the_start_the_attendance_sheet_opens_then_and_upcoming_lasts_until_the_longest_end()
    {
        Assert.True(GroupSession.RegistrationOpen(GroupSessionStatus.Planned, Next, Next.AddMinutes(-1)));
        Assert.False(GroupSession.RegistrationOpen(GroupSessionStatus.Planned, Next, Next));
        Assert.False(GroupSession.RegistrationOpen(GroupSessionStatus.Cancelled, Next, Now));
        Assert.False(GroupSession.AttendanceOpen(GroupSessionStatus.Planned, Next, Next.AddMinutes(-1)));
        Assert.True(GroupSession.AttendanceOpen(GroupSessionStatus.Planned, Next, Next));
        Assert.True(GroupSession.AttendanceOpen(GroupSessionStatus.Held, Next, Next.AddDays(3)));
        Assert.False(GroupSession.AttendanceOpen(GroupSessionStatus.Cancelled, Next, Next.AddDays(3)));
        Assert.True(GroupSession.IsUpcoming(GroupSessionStatus.Planned, Next, Next.AddMinutes(90)));
        Assert.False(GroupSession.IsUpcoming(GroupSessionStatus.Planned, Next, Next.AddMinutes(91)));
        Assert.False(GroupSession.IsUpcoming(GroupSessionStatus.Held, Next, Now));
        var s = Session();
        var p = Enrol(s, Guid.NewGuid());
        Assert.Throws<DomainRuleException>(() => s.Withdraw(p.Id, Worker, Next));
    }

    [Fact]
    public void What_a_sessions_state_allows_checklist_summary_cancellation_next_session()
    {
        Assert.True(GroupSession.ChecklistOpen(GroupSessionStatus.Planned));
        Assert.True(GroupSession.ChecklistOpen(GroupSessionStatus.Held));
        Assert.False(GroupSession.ChecklistOpen(GroupSessionStatus.Cancelled));
        Assert.Equal([false, true, false], new[] { GroupSessionStatus.Planned, GroupSessionStatus.Held, GroupSessionStatus.Cancelled }.Select(GroupSession.SummaryOpen));
        Assert.Equal([true, false, false], new[] { GroupSessionStatus.Planned, GroupSessionStatus.Held, GroupSessionStatus.Cancelled }.Select(GroupSession.MayCancel));
        Assert.Equal([true, true, false], new[] { GroupSessionStatus.Planned, GroupSessionStatus.Held, GroupSessionStatus.Cancelled }.Select(GroupSession.MayPlanNextFrom));

        // The session itself keeps to them: a cancelled session's checklist is not ticked, no summary before it is held.
        var s = Session();
        var template = ChecklistTemplate.Draft(1, Modality.Group, 1);
        template.AddItem(ChecklistPhase.Before, "Ordre du jour envoyé", true, null);
        template.Publish(Worker, Now);
        s.TakeChecklist(template);
        var item = Assert.Single(s.Checklist);
        Assert.Throws<DomainRuleException>(() => s.WriteSummary("Un compte rendu.", [], Now));
        s.Cancel("Intervenant absent", Now);
        Assert.Throws<DomainRuleException>(() => s.Tick(item.Id, true, Worker, Now));
        Assert.Throws<DomainRuleException>(() => s.Cancel("Encore", Now));
    }

    [Fact]
    public void A_person_who_holds_or_waits_for_a_place_cannot_be_added_again_one_who_left_can()
    {
        Assert.Equal([true, true, true], new[] { ParticipantStatus.Proposed, ParticipantStatus.Registered, ParticipantStatus.Waiting }.Select(GroupParticipant.HoldsOrWaits));
        var s = Session(capacity: 2);
        var second = Guid.NewGuid();
        Enrol(s, Guid.NewGuid());
        Enrol(s, Guid.NewGuid());
        var waiting = Enrol(s, second);
        Assert.Equal(ParticipantStatus.Waiting, waiting.Status);
        Assert.Throws<DomainRuleException>(() => Enrol(s, second));
        s.Withdraw(waiting.Id, Worker, Now);
        Assert.False(GroupParticipant.HoldsOrWaits(waiting.Status));
        Assert.Equal(ParticipantStatus.Waiting, Enrol(s, second).Status);
    }

    [Fact]
    public void A_registered_participant_may_be_named_technical_helper_while_the_session_is_planned_only()
    {
        Assert.Equal([true, false, false], new[] { GroupSessionStatus.Planned, GroupSessionStatus.Held, GroupSessionStatus.Cancelled }.Select(GroupSession.RolesOpen));

        var s = Session(capacity: 2);
        var registered = Enrol(s, Guid.NewGuid());
        var other = Enrol(s, Guid.NewGuid());
        var waiting = Enrol(s, Guid.NewGuid());
        Assert.Equal([GroupRole.NoteTaker, GroupRole.TechnicalHelper], s.RolesToName());
        Assert.Throws<DomainRuleException>(() => s.NameParticipantTechnicalHelper(waiting.Id));
        Assert.Null(s.ParticipantTechnicalHelper);

        s.NameParticipantTechnicalHelper(registered.Id);
        Assert.Same(registered, s.ParticipantTechnicalHelper);
        Assert.Equal([GroupRole.NoteTaker], s.RolesToName());
        s.NameParticipantTechnicalHelper(null);
        Assert.Null(s.ParticipantTechnicalHelper);

        // Once the session was held, or cancelled, its roles no longer change.
        s.RecordAttendance(new Dictionary<Guid, Attendance> { [registered.Id] = Attendance.Present, [other.Id] = Attendance.Absent }, Worker, Next.AddMinutes(90));
        var held = Assert.Throws<DomainRuleException>(() => s.NameParticipantTechnicalHelper(registered.Id));
        Assert.Contains("avant elle", held.Message);
        Assert.Null(s.ParticipantTechnicalHelper);

        var cancelled = Session();
        var p = Enrol(cancelled, Guid.NewGuid());
        cancelled.Cancel("Animatrice malade", Now);
        Assert.Throws<DomainRuleException>(() => cancelled.NameParticipantTechnicalHelper(p.Id));
    }
}
