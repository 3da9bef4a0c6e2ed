using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Domain.Priorities;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Data.Priorities;

/// <summary>
/// Keeps <see cref="PersonPriority"/> rows true: recomputes, with <see cref="PriorityScore"/>, the rows that triggers
/// marked stale and the rows computed on an earlier day. Readers call it for the scope they are about to rank; when
/// nothing changed it costs one indexed query. See docs/decisions/ADR-0008-priority-score.md.
/// </summary>
public static class PriorityRefresh
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<PriorityReason> ReadReasons(string json) =>
        JsonSerializer.Deserialize<List<PriorityReason>>(json, Json) ?? [];

    /// <summary>The few columns of a person that the score needs.</summary>
    private sealed record Candidate(Guid Id, int DepartmentId, Guid ReferentId, PersonStatus Status, RiskLevel Risk, bool LivesAlone,
        List<RemoteReason> Reasons, DateTimeOffset? LastContactAt, int FrequencyDays, bool FirstMeetingPending);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        /// <summary>Above this many stale rows, facts are gathered for the whole department at once rather than by id.</summary>
        public const int WholeDepartmentFrom = 2_000;
        /// <summary>First key of the advisory lock that lets one refresh at a time work on a department.</summary>
        private const int LockClass = 0x5253;

        public Task<int> RefreshDepartmentAsync(int departmentId, CancellationToken ct) =>
            RefreshAsync(db.PersonPriorities.Where(p => p.DepartmentId == departmentId), ct);

        /// <summary>
        /// A worker's own persons, by the person's current referent (a person just reassigned to them may still carry
        /// the former referent in its stale row), and the rows still filed under them.
        /// </summary>
        public async Task RefreshReferentAsync(Guid referentId, CancellationToken ct)
        {
            var theirs = db.Persons.Where(p => p.ReferentId == referentId).Select(p => p.Id);
            await RefreshAsync(db.PersonPriorities.Where(p => theirs.Contains(p.PersonId)), ct);
            await RefreshAsync(db.PersonPriorities.Where(p => p.ReferentId == referentId), ct);
        }

        /// <returns>How many rows were recomputed.</returns>
        public async Task<int> RefreshAsync(IQueryable<PersonPriority> rows, CancellationToken ct)
        {
            var today = FrenchTime.Today(clock);
            var stale = rows.AsNoTracking().Where(p => p.IsStale || p.ComputedOn < today);
            var departments = await stale.Select(p => p.DepartmentId).Distinct().ToListAsync(ct);
            if (departments.Count == 0) return 0;

            // One refresh per department at a time: at the first view of a day, concurrent readers wait for the one
            // recomputing instead of all doing the same work; and two refreshes never lock the same rows in two orders.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var department in departments.Order())
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockClass}, {department})", ct);
            var targets = await stale.Select(p => new { p.PersonId, p.Generation, p.DepartmentId }).ToListAsync(ct);
            if (targets.Count == 0) return 0;

            var ids = targets.Select(t => t.PersonId).ToList();
            var wholeDepartment = targets.Count >= WholeDepartmentFrom && departments.Count == 1 ? departments[0] : (int?)null;
            var computed = await ComputeAsync(ids, wholeDepartment, today, ct);
            var generation = targets.ToDictionary(t => t.PersonId, t => t.Generation);
            var written = await WriteAsync(computed.Where(c => generation.ContainsKey(c.PersonId)).ToList(), generation, today, ct);
            await transaction.CommitAsync(ct);
            return written;
        }

        private sealed record Computed(Guid PersonId, int DepartmentId, Guid ReferentId, bool IsActive, PriorityResult Priority,
            DateTimeOffset LastContactSort, bool ContactOverdue, int OverdueActions, bool FaceToFaceNeeded, bool FirstMeetingPending);

        /// <summary>
        /// Gathers every fact the score needs with a handful of set-based queries (GROUP BY person, never a query
        /// per person), then scores in memory.
        /// </summary>
        private async Task<List<Computed>> ComputeAsync(List<Guid> ids, int? wholeDepartment, DateOnly today, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            // Windows are whole days, like the rest of the score: a row computed today stays true all day.
            var since = FrenchTime.FromLocal(today.AddDays(-90).ToDateTime(TimeOnly.MinValue));

            var persons = db.Persons.AsNoTracking();
            persons = wholeDepartment is { } d ? persons.Where(p => p.DepartmentId == d) : persons.Where(p => ids.Contains(p.Id));
            var candidates = await persons
                .Select(p => new Candidate(p.Id, p.DepartmentId, p.ReferentId, p.Status, p.RiskLevel, p.LivesAlone, p.RemoteReasons,
                    p.LastContactAt, p.ContactFrequencyDays, p.FirstFaceToFaceMeetingOn == null))
                .ToListAsync(ct);

            var actions = db.FollowUpActions.AsNoTracking().Where(a => a.DoneAt == null && a.DueOn < today);
            var interviews = db.Interviews.AsNoTracking();
            if (wholeDepartment is { } department)
            {
                actions = actions.Where(a => a.DepartmentId == department);
                interviews = interviews.Where(i => i.DepartmentId == department);
            }
            else
            {
                actions = actions.Where(a => ids.Contains(a.PersonId));
                interviews = interviews.Where(i => ids.Contains(i.PersonId));
            }

            var overdueActions = await actions.GroupBy(a => a.PersonId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

            var noShows = await interviews.Where(i => i.Status == InterviewStatus.NoShow && i.ScheduledAt >= since && i.ScheduledAt <= now)
                .GroupBy(i => i.PersonId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

            var switches = await db.FallbackSwitches.AsNoTracking().Where(s => s.At >= since && s.At <= now)
                .Join(interviews, s => s.InterviewId, i => i.Id, (s, i) => i.PersonId)
                .GroupBy(p => p).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

            // A face-to-face meeting is pending when the latest completed interview asked for one.
            var faceToFace = (await interviews
                    .Where(i => i.Status == InterviewStatus.Completed && i.FaceToFaceNeeded)
                    .Where(i => !db.Interviews.Any(l => l.PersonId == i.PersonId && l.Status == InterviewStatus.Completed && l.ScheduledAt > i.ScheduledAt))
                    .Select(i => new { i.PersonId, i.FaceToFaceReason })
                    .ToListAsync(ct))
                .DistinctBy(x => x.PersonId).ToDictionary(x => x.PersonId, x => x.FaceToFaceReason);

            // Remote consent in force: the domain's rule (ConsentPolicy.HasRemoteConsentAt) over each person's history,
            // loaded by the one consent loader; never a second definition of "the answer in force" in SQL.
            var histories = wholeDepartment is { } dep
                ? await db.DepartmentConsentHistoriesAsync(dep, now, ct)
                : await db.ConsentHistoriesAsync(ids, ct);
            var consented = candidates.Where(c => ConsentPolicy.HasRemoteConsentAt(histories[c.Id], now)).Select(c => c.Id).ToHashSet();

            var alertDays = await db.Departments.AsNoTracking().ToDictionaryAsync(x => x.Id, x => x.NotContactedAlertDays, ct);

            return candidates.Select(c =>
            {
                int? days = c.LastContactAt is { } last ? today.DayNumber - DateOnly.FromDateTime(FrenchTime.ToLocal(last)).DayNumber : null;
                var input = new PriorityInput(c.Risk, c.LivesAlone, c.Reasons, days, c.FrequencyDays,
                    overdueActions.GetValueOrDefault(c.Id), consented.Contains(c.Id),
                    faceToFace.ContainsKey(c.Id), faceToFace.GetValueOrDefault(c.Id),
                    c.FirstMeetingPending, noShows.GetValueOrDefault(c.Id), switches.GetValueOrDefault(c.Id),
                    alertDays.GetValueOrDefault(c.DepartmentId));
                return new Computed(c.Id, c.DepartmentId, c.ReferentId, c.Status == PersonStatus.Active, PriorityScore.Compute(input),
                    c.LastContactAt ?? DateTimeOffset.UnixEpoch, days is null || days > c.FrequencyDays, input.OverdueActions,
                    input.FaceToFaceNeeded, c.FirstMeetingPending);
            }).ToList();
        }

        /// <summary>
        /// One statement for all rows. A row whose generation moved on while we computed (a trigger marked it stale
        /// again) is left alone: it stays stale and the next reader recomputes it.
        /// </summary>
        private async Task<int> WriteAsync(List<Computed> rows, Dictionary<Guid, long> generation, DateOnly today, CancellationToken ct)
        {
            if (rows.Count == 0) return 0;
            NpgsqlParameter Array<T>(string name, NpgsqlDbType type, Func<Computed, T> value) =>
                new(name, NpgsqlDbType.Array | type) { Value = rows.Select(value).ToArray() };
            // Raw SQL skips the save guard: the department test is written out, as the query filter would.
            var sql = """
                UPDATE "PersonPriorities" AS p
                SET "DepartmentId" = u.department, "ReferentId" = u.referent, "IsActive" = u.active, "Score" = u.score,
                    "Reasons" = u.reasons::jsonb, "LastContactSort" = u.last_contact, "ContactOverdue" = u.contact_overdue,
                    "OverdueActions" = u.overdue_actions, "FaceToFaceNeeded" = u.face_to_face, "FirstMeetingPending" = u.first_meeting,
                    "ComputedOn" = @today, "IsStale" = false
                FROM unnest(@ids, @generations, @departments, @referents, @actives, @scores, @reasons, @last_contacts, @contact_overdue,
                            @overdue_actions, @face_to_face, @first_meeting)
                    AS u(id, generation, department, referent, active, score, reasons, last_contact, contact_overdue, overdue_actions,
                         face_to_face, first_meeting)
                WHERE p."PersonId" = u.id AND p."Generation" = u.generation
                  AND (@system OR (p."DepartmentId" = ANY(@allowed) AND u.department = ANY(@allowed)))
                """;
            object[] parameters =
            [
                Array("ids", NpgsqlDbType.Uuid, r => r.PersonId),
                Array("generations", NpgsqlDbType.Bigint, r => generation[r.PersonId]),
                Array("departments", NpgsqlDbType.Integer, r => r.DepartmentId),
                Array("referents", NpgsqlDbType.Uuid, r => r.ReferentId),
                Array("actives", NpgsqlDbType.Boolean, r => r.IsActive),
                Array("scores", NpgsqlDbType.Integer, r => r.Priority.Score),
                Array("reasons", NpgsqlDbType.Text, r => JsonSerializer.Serialize(r.Priority.Reasons, Json)),
                Array("last_contacts", NpgsqlDbType.TimestampTz, r => r.LastContactSort),
                Array("contact_overdue", NpgsqlDbType.Boolean, r => r.ContactOverdue),
                Array("overdue_actions", NpgsqlDbType.Integer, r => r.OverdueActions),
                Array("face_to_face", NpgsqlDbType.Boolean, r => r.FaceToFaceNeeded),
                Array("first_meeting", NpgsqlDbType.Boolean, r => r.FirstMeetingPending),
                new NpgsqlParameter("today", NpgsqlDbType.Date) { Value = today },
                new NpgsqlParameter("system", NpgsqlDbType.Boolean) { Value = db.IsSystemScope },
                new NpgsqlParameter("allowed", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = db.AllowedDepartmentIds },
            ];
            return await db.Database.ExecuteSqlRawAsync(sql, parameters, ct);
        }
    }
}
