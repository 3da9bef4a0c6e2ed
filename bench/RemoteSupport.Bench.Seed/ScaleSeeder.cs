using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Data.Priorities;
using RemoteSupport.Web.Data.Seed;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Bench.Seed;

/// <summary>
/// A department at full scale, to measure the team-lead pages (docs/performance.md); run by <see cref="SeedTool"/>
/// (<c>dotnet RemoteSupport.Bench.Seed.dll [--persons 50000] …</c>). Written with PostgreSQL COPY, then ANALYZEd.
/// Fictional data only; never on a real install (the web assembly does not contain it).
/// </summary>
public static class ScaleSeeder
{
    public const string LeadEmail = "cadre.cd99@remotesupport.test";
    public const string TeamLeadEmail = "cadre.equipe01.cd99@remotesupport.test";
    public const string WorkerEmail = "ts0001.cd99@remotesupport.test";

    private static readonly string[] FirstNames =
    [
        "Aurélie", "Bernard", "Chloé", "Denis", "Élodie", "Fabrice", "Gaëlle", "Hervé", "Inès", "Jérôme", "Karine", "Loïc",
        "Manon", "Noël", "Océane", "Pascal", "Rozenn", "Sébastien", "Thérèse", "Valérie", "Yannick", "Zoé", "Amina", "Bilal",
    ];

    private static readonly string[] LastNames =
    [
        "Le Goff", "Le Gall", "Tanguy", "Le Bihan", "Guillou", "Kerjean", "Le Roux", "Morvan", "Quéré", "Riou", "Salaün",
        "Caradec", "Diraison", "Even", "Gourlay", "Hamon", "Jaouen", "Lagadec", "Madec", "Nédélec", "Pichon", "Toullec",
    ];

    /// <summary>Tables whose rows feed the priority score (the persons' own trigger stays on: it creates their rows).</summary>
    private static readonly string[] TriggeredTables = ["ConsentRecords", "Interviews", "FallbackSwitches", "FollowUpActions"];

    /// <summary>The table names are constants of this class, never input.</summary>
    private static string TriggerSwitch(string table, bool enable) =>
        "ALTER TABLE \"" + table + "\" " + (enable ? "ENABLE" : "DISABLE") + " TRIGGER rs_priority_stale";

    private sealed class Person
    {
        public Guid Id;
        public Guid ReferentId;
        public Guid ActorId;
        public DateTimeOffset CreatedAt;
        public bool Closed;
        public bool DigitallyExcluded;
        public DateTimeOffset? LastContactAt;
    }

    private sealed class Meeting
    {
        public Guid Id;
        public Person Person = default!;
        public Modality Modality;
        public DateTimeOffset ScheduledAt;
        public InterviewStatus Status;
        public bool FaceToFaceNeeded;
        public FaceToFaceReason? FaceToFaceReason;
        public int Switches;
    }

    public static async Task<int> RunAsync(IServiceProvider services, Dictionary<string, string> options, CancellationToken ct)
    {
        int Option(string name, int fallback) =>
            options.TryGetValue(name, out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
        var personCount = Option("persons", 50_000);
        var workerCount = Option("workers", 800);
        var teamCount = Math.Min(Option("teams", 40), workerCount);
        var interviewCount = Option("interviews", 500_000);
        var activityCount = Option("activity", 2_000_000);
        var code = options.GetValueOrDefault("code", "CD99");
        var random = new Random(Option("seed", 6));
        var total = Stopwatch.StartNew();
        var step = Stopwatch.StartNew();
        void Done(string what)
        {
            Console.WriteLine($"  {what} ({step.Elapsed.TotalSeconds:0.0} s)");
            step.Restart();
        }

        var db = services.GetRequiredService<AppDbContext>().AsSystem();
        if (await db.Departments.AnyAsync(d => d.Code == code, ct))
        {
            await Console.Error.WriteLineAsync($"Department {code} already exists: the scale seeder runs once, on a database without it.");
            return 1;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        now = new DateTimeOffset(now.UtcDateTime.Ticks - now.UtcDateTime.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        Console.WriteLine($"Seeding {code}: {personCount} persons, {workerCount} workers, {interviewCount} interviews, {activityCount} journal entries…");

        await DemoSeeder.EnsureRolesAsync(services.GetRequiredService<RoleManager<AppRole>>());
        // All or nothing: a failed run leaves no half-seeded department behind.
        await db.Database.OpenConnectionAsync(ct);
        var transaction = await db.Database.BeginTransactionAsync(ct);
        var department = new Department(code, "Département d'essai");
        db.Departments.Add(department);
        await db.SaveChangesAsync(ct);
        var teams = Enumerable.Range(1, teamCount).Select(i => new Team { DepartmentId = department.Id, Name = $"Équipe {i:00}" }).ToList();
        db.Teams.AddRange(teams);
        await db.SaveChangesAsync(ct);
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // The stale-marking triggers would run once per bulk-loaded row; the priorities are computed in one pass at the end.
        foreach (var table in TriggeredTables)
            await db.Database.ExecuteSqlRawAsync(TriggerSwitch(table, enable: false), ct);

        // Accounts: one password hash computed once (hashing 800 times would take minutes), as the demo password.
        var hash = services.GetRequiredService<IPasswordHasher<AppUser>>().HashPassword(new AppUser(), DemoSeeder.DemoPassword);
        var workers = new List<(Guid Id, int TeamId, bool Active)>();
        var accounts = new List<(Guid Id, string Email, string Name, int? TeamId, bool Active, string Role)>();
        for (var i = 1; i <= workerCount; i++)
        {
            var id = Guid.CreateVersion7();
            var team = teams[(i - 1) % teamCount].Id;
            // A few deactivated accounts whose persons wait for a new referent.
            var active = i % 160 != 0;
            workers.Add((id, team, active));
            accounts.Add((id, $"ts{i:0000}.{code.ToLowerInvariant()}@remotesupport.test", $"{random.Pick(FirstNames)} {random.Pick(LastNames)}",
                team, active, Roles.SocialWorker));
        }
        accounts.Add((Guid.CreateVersion7(), LeadEmail.Replace("cd99", code.ToLowerInvariant(), StringComparison.Ordinal), "Responsable du département d'essai", null, true, Roles.TeamLead));
        accounts.Add((Guid.CreateVersion7(), TeamLeadEmail.Replace("cd99", code.ToLowerInvariant(), StringComparison.Ordinal), "Responsable de l'équipe 01", teams[0].Id, true, Roles.TeamLead));

        await using (var copy = await BeginCopyAsync(connection, 
            "COPY \"AspNetUsers\" (\"Id\", \"DisplayName\", \"DepartmentId\", \"TeamId\", \"IsActive\", \"MustChangePassword\", \"CreatedAt\", " +
            "\"UserName\", \"NormalizedUserName\", \"Email\", \"NormalizedEmail\", \"EmailConfirmed\", \"PasswordHash\", \"SecurityStamp\", " +
            "\"ConcurrencyStamp\", \"PhoneNumberConfirmed\", \"TwoFactorEnabled\", \"LockoutEnabled\", \"AccessFailedCount\") FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var a in accounts)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(a.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(a.Name, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(department.Id, NpgsqlDbType.Integer, ct);
                if (a.TeamId is { } t) await copy.WriteAsync(t, NpgsqlDbType.Integer, ct); else await copy.WriteNullAsync(ct);
                await copy.WriteAsync(a.Active, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(now.AddYears(-3), NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(a.Email, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(a.Email.ToUpperInvariant(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(a.Email, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(a.Email.ToUpperInvariant(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(hash, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(Guid.NewGuid().ToString("N").ToUpperInvariant(), NpgsqlDbType.Text, ct);
                await copy.WriteAsync(Guid.NewGuid().ToString(), NpgsqlDbType.Text, ct);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(a.Role == Roles.TeamLead, NpgsqlDbType.Boolean, ct); // team leads sign in with a second factor
                await copy.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(0, NpgsqlDbType.Integer, ct);
            }
            await copy.CompleteAsync(ct);
        }
        // Team leads must sign in with a second factor (ADR-0016): they get the demo's documented authenticator key, as
        // Identity's store keeps it, so bench/scale-benchmark.sh can sign them in (SeedTool --totp prints the code).
        await using (var copy = await BeginCopyAsync(connection,
            "COPY \"AspNetUserTokens\" (\"UserId\", \"LoginProvider\", \"Name\", \"Value\") FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var a in accounts.Where(a => a.Role == Roles.TeamLead))
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(a.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync("[AspNetUserStore]", NpgsqlDbType.Text, ct);
                await copy.WriteAsync("AuthenticatorKey", NpgsqlDbType.Text, ct);
                await copy.WriteAsync(DemoSeeder.DemoAuthenticatorKey, NpgsqlDbType.Text, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await BeginCopyAsync(connection, "COPY \"AspNetUserRoles\" (\"UserId\", \"RoleId\") FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var a in accounts)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(a.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(roles[a.Role], NpgsqlDbType.Uuid, ct);
            }
            await copy.CompleteAsync(ct);
        }
        Done($"{accounts.Count} accounts");

        // Persons, their interviews and contacts are drawn first, so each person's last contact is consistent with them.
        var persons = new List<Person>(personCount);
        for (var i = 0; i < personCount; i++)
        {
            var worker = workers[i % workers.Count];
            persons.Add(new Person
            {
                Id = Guid.CreateVersion7(),
                ReferentId = worker.Id,
                // Work on a deactivated worker's persons was done while the account was active.
                ActorId = worker.Id,
                CreatedAt = now.AddDays(-random.Next(20, 900)).AddMinutes(-random.Next(0, 600)),
                Closed = random.Chance(0.05),
                DigitallyExcluded = random.Chance(0.15),
            });
        }

        var meetings = new List<Meeting>(interviewCount);
        var faceToFaceReasons = Enum.GetValues<FaceToFaceReason>();
        // Interviews fall evenly over time: a person is drawn in proportion to how long they have been followed (and
        // five weeks ahead, for those still followed), then a moment of that span. About 35,000 interviews a month for
        // 50,000 persons, as a contact every month or so would give.
        const double Ahead = 35 * 24 * 60;
        var spans = persons.Select(p => (now - p.CreatedAt).TotalMinutes + (p.Closed ? 0 : Ahead)).ToArray();
        var cumulative = new double[spans.Length];
        for (var k = 0; k < spans.Length; k++) cumulative[k] = (k == 0 ? 0 : cumulative[k - 1]) + spans[k];
        for (var i = 0; i < interviewCount; i++)
        {
            var found = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
            var index = found < 0 ? Math.Min(~found, persons.Count - 1) : found;
            var person = persons[index];
            var scheduled = person.CreatedAt.AddMinutes(random.NextDouble() * spans[index]);
            scheduled = new DateTimeOffset(scheduled.UtcDateTime.Date.AddHours(7 + random.Next(0, 9)).AddMinutes(15 * random.Next(0, 4)), TimeSpan.Zero);
            var modality = random.NextDouble() switch { < 0.55 => Modality.Phone, < 0.70 => Modality.AudioConference, _ => Modality.Video };
            var status = scheduled > now ? InterviewStatus.Planned : random.NextDouble() switch
            {
                < 0.76 => InterviewStatus.Completed,
                < 0.84 => InterviewStatus.Postponed,
                < 0.90 => InterviewStatus.NoShow,
                < 0.96 => InterviewStatus.Cancelled,
                _ => scheduled > now.AddDays(-2) ? InterviewStatus.Planned : InterviewStatus.Completed,
            };
            var meeting = new Meeting { Id = Guid.CreateVersion7(), Person = person, Modality = modality, ScheduledAt = scheduled, Status = status };
            if (status == InterviewStatus.Completed)
            {
                if (random.Chance(0.05))
                {
                    meeting.FaceToFaceNeeded = true;
                    meeting.FaceToFaceReason = random.Chance(0.8) ? random.Pick(faceToFaceReasons) : null;
                }
                // Plan B: video fails more often, and far more for persons with little access to digital tools.
                var fallbackChance = modality switch { Modality.Video => 0.10, Modality.AudioConference => 0.05, _ => 0.0 };
                if (person.DigitallyExcluded) fallbackChance *= 3;
                if (random.Chance(fallbackChance)) meeting.Switches = random.Chance(0.85) ? 1 : 2;
                var end = scheduled.AddMinutes(45);
                if (end <= now && (person.LastContactAt is null || end > person.LastContactAt)) person.LastContactAt = end;
            }
            meetings.Add(meeting);
        }

        // Calls and SMS logged between interviews fill the rest of the journal.
        var interviewEntries = meetings.Sum(m => m.Status == InterviewStatus.Planned ? 1 : 2 + m.Switches);
        var consentsPerPerson = 2;
        var contactCount = Math.Max(0, activityCount - interviewEntries - personCount * (1 + consentsPerPerson));
        var contacts = new List<(Person Person, DateTimeOffset At, QuickContactKind Kind)>(contactCount);
        for (var i = 0; i < contactCount; i++)
        {
            var person = persons[random.Next(persons.Count)];
            var at = person.CreatedAt.AddMinutes((now - person.CreatedAt).TotalMinutes * Math.Sqrt(random.NextDouble()));
            var kind = random.NextDouble() switch { < 0.6 => QuickContactKind.Call, < 0.9 => QuickContactKind.Sms, _ => QuickContactKind.Email };
            contacts.Add((person, at, kind));
            if (kind == QuickContactKind.Call && (person.LastContactAt is null || at > person.LastContactAt)) person.LastContactAt = at;
        }
        // Some persons are left without any recent contact, as the team lead must see them.
        foreach (var person in persons.Where(_ => random.Chance(0.04))) person.LastContactAt = null;
        Done($"{personCount} persons, {meetings.Count} interviews and {contacts.Count} contacts drawn");

        await using (var copy = await BeginCopyAsync(connection, 
            "COPY \"AccompaniedPersons\" (\"Id\", \"DepartmentId\", \"FirstName\", \"LastName\", \"BirthDate\", \"Phone\", \"Email\", \"Address\", " +
            "\"PostalCode\", \"City\", \"ReferentId\", \"Status\", \"CreatedAt\", \"ClosedAt\", \"ClosureReason\", \"RemoteReasons\", \"RiskLevel\", " +
            "\"LivesAlone\", \"FirstFaceToFaceMeetingOn\", \"HasSmartphone\", \"HasComputer\", \"HasInternetAccess\", \"DigitalSkills\", " +
            "\"IsAllophone\", \"Language\", \"NeedsEasyToRead\", \"PreferredModalities\", \"PreferredDays\", \"PreferredTimeFrom\", " +
            "\"PreferredTimeUntil\", \"PreferredContactNote\", \"ContactFrequencyDays\", \"LastContactAt\") FROM STDIN (FORMAT BINARY)", ct))
        {
            var reasons = Enum.GetValues<RemoteReason>();
            var n = 0;
            foreach (var p in persons)
            {
                n++;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(department.Id, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(random.Pick(FirstNames), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(random.Pick(LastNames), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(new DateOnly(1940 + random.Next(0, 65), random.Next(1, 13), random.Next(1, 29)), NpgsqlDbType.Date, ct);
                await copy.WriteAsync($"06 39 98 {n / 100 % 100:00} {n % 100:00}", NpgsqlDbType.Varchar, ct);
                await copy.WriteNullAsync(ct);
                await copy.WriteAsync($"{random.Next(1, 90)} rue de l'Essai", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync("99000", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync("Ville-d'Essai", NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.ReferentId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync((p.Closed ? PersonStatus.Closed : PersonStatus.Active).ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                if (p.Closed)
                {
                    await copy.WriteAsync(now.AddDays(-random.Next(1, 60)), NpgsqlDbType.TimestampTz, ct);
                    await copy.WriteAsync("Accompagnement terminé.", NpgsqlDbType.Varchar, ct);
                }
                else
                {
                    await copy.WriteNullAsync(ct);
                    await copy.WriteNullAsync(ct);
                }
                var personReasons = new List<string>();
                if (p.DigitallyExcluded) personReasons.Add((random.Chance(0.5) ? RemoteReason.NeedsDigitalSupport : RemoteReason.NoNetworkCoverage).ToString());
                personReasons.Add(random.Pick(reasons).ToString());
                await copy.WriteAsync(personReasons.Distinct().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                var risk = random.NextDouble() switch { < 0.12 => RiskLevel.High, < 0.42 => RiskLevel.Medium, _ => RiskLevel.Low };
                await copy.WriteAsync(risk.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(random.Chance(0.35), NpgsqlDbType.Boolean, ct);
                if (random.Chance(0.8)) await copy.WriteAsync(DateOnly.FromDateTime(p.CreatedAt.UtcDateTime.AddDays(random.Next(3, 60))), NpgsqlDbType.Date, ct);
                else await copy.WriteNullAsync(ct);
                await copy.WriteAsync(!p.DigitallyExcluded && random.Chance(0.8), NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(random.Chance(0.4), NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(!p.DigitallyExcluded && random.Chance(0.8), NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync((p.DigitallyExcluded ? DigitalSkills.None : DigitalSkills.Basic).ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await copy.WriteNullAsync(ct);
                await copy.WriteAsync(random.Chance(0.1), NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(new[] { nameof(Modality.Phone) }, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await copy.WriteAsync(Array.Empty<int>(), NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
                await copy.WriteNullAsync(ct);
                await copy.WriteNullAsync(ct);
                await copy.WriteNullAsync(ct);
                await copy.WriteAsync(random.Pick(new[] { 14, 30, 30, 30, 60 }), NpgsqlDbType.Integer, ct);
                if (p.LastContactAt is { } last) await copy.WriteAsync(last, NpgsqlDbType.TimestampTz, ct); else await copy.WriteNullAsync(ct);
            }
            await copy.CompleteAsync(ct);
        }
        Done($"{persons.Count} persons written");

        var consentRows = 0;
        await using (var copy = await BeginCopyAsync(connection, 
            "COPY \"ConsentRecords\" (\"Id\", \"DepartmentId\", \"PersonId\", \"Modality\", \"Decision\", \"DecidedAt\", \"Method\", " +
            "\"RecordedById\", \"RecordedAt\") FROM STDIN (FORMAT BINARY)", ct))
        {
            async Task Consent(Person p, Modality m, ConsentDecision d, DateTimeOffset at)
            {
                consentRows++;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(department.Id, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(m.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(d.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(nameof(ConsentMethod.OrallyDuringCall), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.ActorId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
            }
            foreach (var p in persons)
            {
                var first = p.CreatedAt.AddDays(1);
                // Two answers per person on average; about one in twenty has no remote consent in force.
                if (random.Chance(0.95)) await Consent(p, Modality.Phone, ConsentDecision.Granted, first);
                else await Consent(p, Modality.Phone, ConsentDecision.Refused, first);
                if (p.DigitallyExcluded) await Consent(p, Modality.Video, ConsentDecision.Refused, first);
                else if (random.Chance(0.9)) await Consent(p, random.Chance(0.5) ? Modality.Video : Modality.Sms, ConsentDecision.Granted, first.AddDays(2));
                if (random.Chance(0.03)) await Consent(p, Modality.Phone, ConsentDecision.Withdrawn, first.AddDays(random.Next(5, 15)));
            }
            await copy.CompleteAsync(ct);
        }
        Done($"{consentRows} consent records");

        await using (var copy = await BeginCopyAsync(connection, 
            "COPY \"Interviews\" (\"Id\", \"DepartmentId\", \"PersonId\", \"WorkerId\", \"Modality\", \"ScheduledAt\", \"DurationMinutes\", " +
            "\"Objectives\", \"FallbackModality\", \"SendSmsReminder\", \"Status\", \"CreatedAt\", \"StartedAt\", \"EndedAt\", \"Summary\", " +
            "\"FaceToFaceNeeded\", \"FaceToFaceReason\", \"PostponeReason\") FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var m in meetings)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(m.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(department.Id, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(m.Person.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(m.Person.ActorId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(m.Modality.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(m.ScheduledAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(45, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync("Point d'étape sur les démarches en cours.", NpgsqlDbType.Varchar, ct);
                if (m.Modality == Modality.Phone) await copy.WriteNullAsync(ct);
                else await copy.WriteAsync(nameof(Modality.Phone), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(m.Status.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(m.ScheduledAt.AddDays(-7), NpgsqlDbType.TimestampTz, ct);
                if (m.Status == InterviewStatus.Completed)
                {
                    await copy.WriteAsync(m.ScheduledAt, NpgsqlDbType.TimestampTz, ct);
                    await copy.WriteAsync(m.ScheduledAt.AddMinutes(45), NpgsqlDbType.TimestampTz, ct);
                    await copy.WriteAsync("Entretien tenu ; démarches à poursuivre.", NpgsqlDbType.Varchar, ct);
                }
                else
                {
                    await copy.WriteNullAsync(ct);
                    if (m.Status == InterviewStatus.Planned) await copy.WriteNullAsync(ct); else await copy.WriteAsync(m.ScheduledAt, NpgsqlDbType.TimestampTz, ct);
                    await copy.WriteNullAsync(ct);
                }
                await copy.WriteAsync(m.FaceToFaceNeeded, NpgsqlDbType.Boolean, ct);
                if (m.FaceToFaceReason is { } why) await copy.WriteAsync(why.ToString(), NpgsqlDbType.Varchar, ct); else await copy.WriteNullAsync(ct);
                if (m.Status == InterviewStatus.Postponed) await copy.WriteAsync(nameof(PostponeReason.PersonUnavailable), NpgsqlDbType.Varchar, ct);
                else await copy.WriteNullAsync(ct);
            }
            await copy.CompleteAsync(ct);
        }
        Done($"{meetings.Count} interviews");

        var switchRows = 0;
        await using (var copy = await BeginCopyAsync(connection, 
            "COPY \"FallbackSwitches\" (\"Id\", \"DepartmentId\", \"InterviewId\", \"From\", \"To\", \"Reason\", \"At\") FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var m in meetings.Where(m => m.Switches > 0))
            {
                var from = m.Modality;
                for (var s = 0; s < m.Switches; s++)
                {
                    var to = from == Modality.Video ? Modality.AudioConference : Modality.Phone;
                    if (to == from) break;
                    switchRows++;
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(department.Id, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(m.Id, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(from.ToString(), NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(to.ToString(), NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync("La connexion ne tenait pas.", NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(m.ScheduledAt.AddMinutes(5 + 5 * s), NpgsqlDbType.TimestampTz, ct);
                    from = to;
                }
            }
            await copy.CompleteAsync(ct);
        }
        Done($"{switchRows} plan-B switches");

        var actionRows = 0;
        await using (var copy = await BeginCopyAsync(connection, 
            "COPY \"FollowUpActions\" (\"Id\", \"DepartmentId\", \"PersonId\", \"Who\", \"What\", \"DueOn\", \"DoneAt\") FROM STDIN (FORMAT BINARY)", ct))
        {
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            foreach (var p in persons)
            {
                for (var k = random.Next(0, 4); k > 0; k--)
                {
                    actionRows++;
                    var due = today.AddDays(random.Next(-90, 45));
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(department.Id, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(random.Chance(0.6) ? "Le travailleur social" : "La personne", NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync("Envoyer le dossier de demande d'aide au logement.", NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(due, NpgsqlDbType.Date, ct);
                    // Most actions that fell due were done; some were forgotten.
                    if (due < today && random.Chance(0.8))
                        await copy.WriteAsync(new DateTimeOffset(due.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), NpgsqlDbType.TimestampTz, ct);
                    else await copy.WriteNullAsync(ct);
                }
            }
            await copy.CompleteAsync(ct);
        }
        Done($"{actionRows} follow-up actions");

        var journalRows = 0L;
        await using (var copy = await BeginCopyAsync(connection, 
            "COPY \"ActivityLog\" (\"DepartmentId\", \"PersonId\", \"ActorId\", \"At\", \"Kind\", \"Description\", \"InterviewId\", \"Modality\") " +
            "FROM STDIN (FORMAT BINARY)", ct))
        {
            async Task Entry(Person p, DateTimeOffset at, ActivityKind kind, string description, Guid? interview = null, Modality? modality = null)
            {
                journalRows++;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(department.Id, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(p.ActorId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(kind.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(description, NpgsqlDbType.Varchar, ct);
                if (interview is { } i) await copy.WriteAsync(i, NpgsqlDbType.Uuid, ct); else await copy.WriteNullAsync(ct);
                if (modality is { } m) await copy.WriteAsync(m.ToString(), NpgsqlDbType.Varchar, ct); else await copy.WriteNullAsync(ct);
            }
            foreach (var p in persons)
            {
                await Entry(p, p.CreatedAt, ActivityKind.PersonCreated, "Ouverture du dossier et premier recueil de la situation.");
                await Entry(p, p.CreatedAt.AddDays(1), ActivityKind.ConsentRecorded, "Consentement téléphone : accordé (à l'oral, pendant un appel).", modality: Modality.Phone);
                await Entry(p, p.CreatedAt.AddDays(3), ActivityKind.ConsentRecorded, "Consentement SMS : accordé (à l'oral, pendant un appel).", modality: Modality.Sms);
            }
            foreach (var m in meetings)
            {
                await Entry(m.Person, m.ScheduledAt.AddDays(-7), ActivityKind.InterviewScheduled,
                    $"Entretien par {m.Modality.French()} prévu le {m.ScheduledAt:dd/MM/yyyy}.", m.Id, m.Modality);
                for (var s = 0; s < m.Switches; s++)
                    await Entry(m.Person, m.ScheduledAt.AddMinutes(5 + 5 * s), ActivityKind.InterviewFallbackSwitched,
                        "Passage au plan B : la connexion ne tenait pas.", m.Id, m.Modality);
                var kind = m.Status switch
                {
                    InterviewStatus.Completed => ActivityKind.InterviewCompleted,
                    InterviewStatus.Postponed => ActivityKind.InterviewPostponed,
                    InterviewStatus.NoShow => ActivityKind.InterviewNoShow,
                    InterviewStatus.Cancelled => ActivityKind.InterviewCancelled,
                    InterviewStatus.Planned or InterviewStatus.InProgress => (ActivityKind?)null,
                };
                if (kind is { } k) await Entry(m.Person, m.ScheduledAt.AddMinutes(45), k, k.French() + ".", m.Id, m.Modality);
            }
            foreach (var (person, at, kind) in contacts)
                await Entry(person, at, ActivityKind.ContactLogged, $"{kind.French()} émis : point rapide sur la situation.");
            await copy.CompleteAsync(ct);
        }
        Done($"{journalRows} journal entries");

        foreach (var table in TriggeredTables)
            await db.Database.ExecuteSqlRawAsync(TriggerSwitch(table, enable: true), ct);
        await transaction.CommitAsync(ct);
        await transaction.DisposeAsync();
        Done("committed");

        var refreshed = await services.GetRequiredService<PriorityRefresh.Handler>().RefreshDepartmentAsync(department.Id, ct);
        Done($"{refreshed} priority scores computed");

        await using (var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection))
        {
            analyze.CommandTimeout = 0;
            await analyze.ExecuteNonQueryAsync(ct);
        }
        Done("VACUUM ANALYZE");

        Console.WriteLine($"Done in {total.Elapsed.TotalSeconds:0} s.");
        Console.WriteLine($"Sign in (demo password {DemoSeeder.DemoPassword}):");
        Console.WriteLine($"  {accounts[^2].Email}  team lead of the whole department");
        Console.WriteLine($"  {accounts[^1].Email}  team lead of {teams[0].Name}");
        Console.WriteLine($"  {accounts[0].Email}  social worker");
        return 0;
    }

    /// <summary>COPY of millions of rows outlasts the default 30-second command timeout on a busy machine.</summary>
    private static async Task<NpgsqlBinaryImporter> BeginCopyAsync(NpgsqlConnection connection, string command, CancellationToken ct)
    {
        var importer = await connection.BeginBinaryImportAsync(command, ct);
        importer.Timeout = TimeSpan.FromHours(1);
        return importer;
    }

    private static T Pick<T>(this Random random, IReadOnlyList<T> list) => list[random.Next(list.Count)];
    private static bool Chance(this Random random, double p) => random.NextDouble() < p;
}
