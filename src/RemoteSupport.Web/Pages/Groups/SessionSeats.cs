using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Groups;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Infrastructure;
using RemoteSupport.Web.Messaging;

namespace RemoteSupport.Web.Pages.Groups;

public abstract record SeatOutcome
{
    public sealed record Done(SeatChange Change, string Message) : SeatOutcome;
    public sealed record Refused(string Reason) : SeatOutcome;
    /// <summary>A change that moved no seat (a role given to a participant).</summary>
    public sealed record Saved(string Message) : SeatOutcome;
}

/// <summary>
/// Every change of a session's participants, in one place: the session's rule, a journal line in each person's file
/// whose place changed, the invitation for a new seat (or a promotion from the waiting list), all in one save.
/// Two workers saving at once conflict on the session's row (its seats version); the loser's change is tried again on
/// the fresh session, so the last seat goes to one of them and the other gets the waiting list, never a 13th seat of 12.
/// </summary>
public sealed class SessionSeats(AppDbContext db, MessagePlanner messages, TimeProvider clock)
{
    private const int Attempts = 5;

    public async Task<SeatOutcome> ChangeAsync(Guid sessionId, Func<GroupSession, DateTimeOffset, SeatChange> change, Guid actorId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var session = await db.GroupSessions.Include(s => s.Participants).FirstAsync(s => s.Id == sessionId, ct);
            var now = clock.GetUtcNow();
            SeatChange result;
            try
            {
                result = change(session, now);
            }
            catch (DomainRuleException e)
            {
                db.ChangeTracker.Clear();
                return new SeatOutcome.Refused(e.Message);
            }
            var notes = await FollowUpAsync(session, result, actorId, now, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return new SeatOutcome.Done(result, string.Join(" ", notes));
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another worker changed the participants first (the seats version moved, or the same person was added
                // twice): start again from the session as it is now.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// What follows a change of a person's place, to be saved with it: a journal line in each file whose place changed,
    /// the invitation for a seat taken (a promotion from the waiting list included), the planned messages of a place
    /// left cancelled. Returns what the worker is told.
    /// </summary>
    public async Task<List<string>> FollowUpAsync(GroupSession session, SeatChange change, Guid actorId, DateTimeOffset now, CancellationToken ct)
    {
        var notes = new List<string> { Describe(change.Status) };
        Journal(session, change.Participant.PersonId, change.Status, actorId, now);
        if (change.Status == ParticipantStatus.Registered
            && await messages.GroupSeatTakenAsync(session, change.Participant.PersonId, actorId, ct) is { } note) notes.Add(note);
        if (change.Status is ParticipantStatus.Withdrawn or ParticipantStatus.Declined)
            await messages.GroupSeatLeftAsync(session.Id, change.Participant.PersonId, ct);
        if (change.Promoted is { } promoted)
        {
            await PromoteAsync(session, promoted, actorId, now, ct);
            notes.Add("La place libérée revient à la première personne de la liste d'attente, qui est prévenue.");
        }
        return notes;
    }

    /// <summary>Places given at once by the session's own rule (a larger capacity serves the waiting list): journaled and invited.</summary>
    public async Task PromotedAsync(GroupSession session, IEnumerable<GroupParticipant> promoted, Guid actorId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var p in promoted) await PromoteAsync(session, p, actorId, now, ct);
    }

    private async Task PromoteAsync(GroupSession session, GroupParticipant promoted, Guid actorId, DateTimeOffset now, CancellationToken ct)
    {
        Journal(session, promoted.PersonId, ParticipantStatus.Registered, actorId, now, fromWaitingList: true);
        await messages.GroupSeatTakenAsync(session, promoted.PersonId, actorId, ct);
    }

    private void Journal(GroupSession session, Guid personId, ParticipantStatus status, Guid actorId, DateTimeOffset now, bool fromWaitingList = false) =>
        db.ActivityLog.Add(ActivityLogEntry.For(session.DepartmentId, personId, actorId, now, ActivityKind.GroupSessionPlace,
            $"{Title(session)} : {(fromWaitingList ? "place libérée, inscription depuis la liste d'attente" : status switch
            {
                ParticipantStatus.Registered => "inscription, place obtenue",
                ParticipantStatus.Waiting => "inscription sur la liste d'attente",
                ParticipantStatus.Proposed => "proposition faite à son référent",
                ParticipantStatus.Withdrawn => "désinscription",
                ParticipantStatus.Declined => "proposition déclinée par son référent",
                _ => status.French(),
            })}.", modality: session.Modality));

    /// <summary>
    /// Runs a change of a session and its save: a rule's refusal or a concurrent change comes back as the French message
    /// the page shows (null when saved).
    /// </summary>
    public static async Task<string?> RefusalOfAsync(Func<Task> change)
    {
        try
        {
            await change();
            return null;
        }
        catch (DomainRuleException e)
        {
            return e.Message;
        }
        catch (DbUpdateConcurrencyException)
        {
            return PageModelExtensions.ConcurrencyMessage;
        }
    }

    public static string Title(GroupSession session) => $"Séance de groupe « {session.Theme} » du {FrenchTime.Format(session.ScheduledAt)}";

    private static string Describe(ParticipantStatus status) => status switch
    {
        ParticipantStatus.Registered => "La personne est inscrite.",
        ParticipantStatus.Waiting => "La séance est complète : la personne est inscrite sur la liste d'attente.",
        ParticipantStatus.Proposed => "La proposition attend la confirmation du référent de la personne.",
        ParticipantStatus.Withdrawn => "La personne ne participe plus à la séance.",
        ParticipantStatus.Declined => "La proposition est déclinée.",
        _ => "",
    };
}
