using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Groups;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Pages.Groups;

/// <summary>
/// A session as a worker sees it. Privacy between participants: a participant whose file the worker may open shows
/// with their full name and a link; any other shows by first name only (issue 16).
/// </summary>
public sealed record SessionView(
    Guid Id, string Theme, DateTimeOffset ScheduledAt, DateTimeOffset EndsAt, int DurationMinutes, IReadOnlyList<SessionPart> Outline, Modality Modality,
    string? ToolName, string? ToolPrivacyNote, string? JoinDetails, int Capacity, int SeatsTaken, string? CapacityWarning, string Agenda,
    string? SpeakingRules, string OrganiserName, string FacilitatorName, string? NoteTakerName, string? TechnicalHelperName,
    IReadOnlyList<GroupRole> RolesToName, GroupSessionStatus Status, string? Summary, string? CancelReason, Guid? PreviousSessionId,
    IReadOnlyList<SessionView.Participant> Participants, IReadOnlyList<SessionView.Item> Checklist,
    IReadOnlyDictionary<MessageStatus, int> Messages, bool MayRun, bool RegistrationOpen, bool AttendanceOpen, uint Version)
{
    public sealed record Participant(Guid Id, Guid PersonId, string Name, bool MayOpen, bool MayAnswerForPerson, ParticipantStatus Status,
        int? WaitingRank, Attendance? Attendance, bool IsTechnicalHelper);

    public sealed record Item(Guid Id, ChecklistPhase Phase, int Order, string Text, bool Required, string? HelpText, bool IsChecked);

    public IEnumerable<Participant> Registered => Participants.Where(p => p.Status == ParticipantStatus.Registered);

    // What the session's rules allow in its state (GroupSession), for the page to offer only that.
    public bool RolesOpen => GroupSession.RolesOpen(Status);
    public bool ChecklistOpen => GroupSession.ChecklistOpen(Status);
    public bool SummaryOpen => GroupSession.SummaryOpen(Status);
    public bool MayCancel => GroupSession.MayCancel(Status);
    public bool MayPlanNext => GroupSession.MayPlanNextFrom(Status);
    public IEnumerable<Participant> Waiting => Participants.Where(p => p.Status == ParticipantStatus.Waiting).OrderBy(p => p.WaitingRank);
    public IEnumerable<Participant> Proposed => Participants.Where(p => p.Status == ParticipantStatus.Proposed);

    /// <summary>The participants' display names, and which the worker may open, without one query per participant.</summary>
    public static async Task<IReadOnlyList<Participant>> ParticipantsAsync(AppDbContext db, PersonGate gate, ClaimsPrincipal user,
        GroupSession session, CancellationToken ct)
    {
        var list = session.Participants;
        var personIds = list.Select(p => p.PersonId).Distinct().ToArray();
        var persons = await db.Persons.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new
            {
                p.Id, p.FirstName, p.LastName,
                Ref = new PersonRef(p.Id, p.DepartmentId, p.ReferentId, db.Users.Where(u => u.Id == p.ReferentId).Select(u => u.TeamId).FirstOrDefault()),
            })
            .ToDictionaryAsync(p => p.Id, ct);
        var waitingRanks = session.WaitingList.Select((p, i) => (p.Id, Rank: i + 1)).ToDictionary(x => x.Id, x => x.Rank);
        var rows = new List<Participant>();
        foreach (var p in list.OrderBy(p => p.Position))
        {
            var person = persons.GetValueOrDefault(p.PersonId);
            var mayOpen = person is not null && await gate.AllowsAsync(user, person.Ref, PersonOperation.View);
            var mayAnswer = person is not null && await gate.AllowsAsync(user, person.Ref, PersonOperation.Edit);
            var name = person is null ? "—" : mayOpen ? $"{person.FirstName} {person.LastName}" : person.FirstName;
            rows.Add(new Participant(p.Id, p.PersonId, name, mayOpen, mayAnswer, p.Status, waitingRanks.GetValueOrDefault(p.Id) is var r and > 0 ? r : null,
                p.Attendance, p.IsTechnicalHelper));
        }
        return rows;
    }

    public static async Task<SessionView?> LoadAsync(AppDbContext db, GroupGate groups, PersonGate persons, TimeProvider clock,
        ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var reference = await groups.AuthorizeAsync(user, id, PersonOperation.View, ct);
        if (reference is null) return null;
        var s = await db.GroupSessions.AsNoTracking().AsSplitQuery().Include(x => x.Participants).Include(x => x.Checklist)
            .FirstAsync(x => x.Id == id, ct);
        var userIds = new[] { s.OrganiserId, s.FacilitatorId, s.NoteTakerId ?? Guid.Empty, s.TechnicalHelperWorkerId ?? Guid.Empty };
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var tool = s.ToolId is { } toolId
            ? await db.VideoTools.AsNoTracking().Where(t => t.Id == toolId).Select(t => new { t.Name, t.PrivacyNote }).FirstOrDefaultAsync(ct)
            : null;
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.GroupSessionId == id).GroupBy(m => m.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var participants = await ParticipantsAsync(db, persons, user, s, ct);
        var helper = s.TechnicalHelperWorkerId is { } w ? names.GetValueOrDefault(w)
            : s.ParticipantTechnicalHelper is { } ph ? $"{participants.First(p => p.Id == ph.Id).Name} (participant·e)" : null;
        return new SessionView(s.Id, s.Theme, s.ScheduledAt, s.EndsAt, s.DurationMinutes, s.Outline, s.Modality, tool?.Name, tool?.PrivacyNote, s.JoinDetails,
            s.Capacity, s.SeatsTaken, s.CapacityWarning, s.Agenda, s.SpeakingRules, names.GetValueOrDefault(s.OrganiserId) ?? "—",
            names.GetValueOrDefault(s.FacilitatorId) ?? "—", s.NoteTakerId is { } n ? names.GetValueOrDefault(n) : null, helper, s.RolesToName(),
            s.Status, s.Summary, s.CancelReason, s.PreviousSessionId, participants,
            s.Checklist.OrderBy(i => i.Phase).ThenBy(i => i.Order).Select(i => new Item(i.Id, i.Phase, i.Order, i.Text, i.Required, i.HelpText, i.IsChecked)).ToList(),
            messages, await groups.AllowsAsync(user, reference, PersonOperation.Edit),
            GroupSession.RegistrationOpen(s.Status, s.ScheduledAt, clock.GetUtcNow()), GroupSession.AttendanceOpen(s.Status, s.ScheduledAt, clock.GetUtcNow()),
            s.Version);
    }
}
