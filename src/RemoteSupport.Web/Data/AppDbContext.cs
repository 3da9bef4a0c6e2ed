using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Domain.Priorities;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Data;

public sealed class AppDbContext : IdentityDbContext<AppUser, AppRole, Guid>, IDataProtectionKeyContext
{
    public const string DepartmentFilter = "Department";

    private ICurrentUser? _currentUser;
    private int[]? _departmentIds;

    /// <summary>
    /// Contexts come from a pool (<see cref="DataServices.AddAppDbContext"/>): a new or returned one is bound to no
    /// user and sees no department until <see cref="BindTo"/> gives it the request's user.
    /// </summary>
    public AppDbContext(DbContextOptions<AppDbContext> options) : base(options)
    {
    }

    /// <summary>
    /// The departments this context may read and write. The global query filter and the save guard both read it,
    /// so a request can never reach another department's rows, even through a forgotten Where.
    /// </summary>
    public int[] AllowedDepartmentIds => _departmentIds ??= _currentUser?.DepartmentIds.ToArray() ?? [];

    /// <summary>True only for system work (migrations, seeding, CLI commands) that spans every department.</summary>
    public bool IsSystemScope { get; private set; }

    /// <summary>Scopes the context to <paramref name="user"/>'s departments (the request's user), and nothing else.</summary>
    public AppDbContext BindTo(ICurrentUser? user)
    {
        Unbind();
        _currentUser = user;
        return this;
    }

    /// <summary>For start-up seeding and administrative commands run outside any request.</summary>
    public AppDbContext AsSystem()
    {
        IsSystemScope = true;
        return this;
    }

    /// <summary>Narrows the context to explicit departments (background work on behalf of a user).</summary>
    public AppDbContext ForDepartments(params int[] departmentIds)
    {
        _departmentIds = departmentIds;
        return this;
    }

    // A context goes back to the pool when disposed: it forgets its user and scope, so the next lease starts from nothing.
    public override void Dispose()
    {
        Unbind();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        Unbind();
        return base.DisposeAsync();
    }

    private void Unbind()
    {
        _currentUser = null;
        _departmentIds = null;
        IsSystemScope = false;
    }

    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<VideoTool> VideoTools => Set<VideoTool>();
    public DbSet<UserDepartmentGrant> UserDepartmentGrants => Set<UserDepartmentGrant>();
    public DbSet<AccompaniedPerson> Persons => Set<AccompaniedPerson>();
    public DbSet<ConsentRecord> Consents => Set<ConsentRecord>();
    public DbSet<ChecklistTemplate> ChecklistTemplates => Set<ChecklistTemplate>();
    public DbSet<ChecklistTemplateItem> ChecklistTemplateItems => Set<ChecklistTemplateItem>();
    public DbSet<Interview> Interviews => Set<Interview>();
    public DbSet<InterviewParticipant> InterviewParticipants => Set<InterviewParticipant>();
    public DbSet<InterviewChecklistItem> InterviewChecklistItems => Set<InterviewChecklistItem>();
    public DbSet<FallbackSwitch> FallbackSwitches => Set<FallbackSwitch>();
    public DbSet<FollowUpAction> FollowUpActions => Set<FollowUpAction>();
    public DbSet<ActivityLogEntry> ActivityLog => Set<ActivityLogEntry>();
    public DbSet<PersonAccess> PersonAccesses => Set<PersonAccess>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<PersonPriority> PersonPriorities => Set<PersonPriority>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<RemoteSupport.Domain.Groups.GroupSession> GroupSessions => Set<RemoteSupport.Domain.Groups.GroupSession>();
    public DbSet<RemoteSupport.Domain.Groups.GroupParticipant> GroupParticipants => Set<RemoteSupport.Domain.Groups.GroupParticipant>();
    public DbSet<RemoteSupport.Domain.Groups.GroupChecklistItem> GroupChecklistItems => Set<RemoteSupport.Domain.Groups.GroupChecklistItem>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<MessageSettings> MessageSettings => Set<MessageSettings>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<FormSubmission> FormSubmissions => Set<FormSubmission>();
    public DbSet<RemoteSupport.Domain.Directory.Resource> Resources => Set<RemoteSupport.Domain.Directory.Resource>();
    public DbSet<RemoteSupport.Domain.Directory.DirectoryTheme> DirectoryThemes => Set<RemoteSupport.Domain.Directory.DirectoryTheme>();
    public DbSet<RemoteSupport.Domain.Directory.PublicGuide> PublicGuides => Set<RemoteSupport.Domain.Directory.PublicGuide>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as readable strings (eShop): a database reader sees "Video", not 2.
        configurationBuilder.Properties<Modality>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<PersonStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<RiskLevel>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DigitalSkills>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ConsentDecision>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ConsentMethod>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ChecklistPhase>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<InterviewStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<PostponeReason>().HaveConversion<string>().HaveMaxLength(48);
        configurationBuilder.Properties<ParticipantRelation>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<FaceToFaceReason>().HaveConversion<string>().HaveMaxLength(48);
        configurationBuilder.Properties<ActivityKind>().HaveConversion<string>().HaveMaxLength(48);
        configurationBuilder.Properties<MessageChannel>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<MessagePurpose>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<MessageStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RemoteSupport.Domain.Groups.GroupSessionStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RemoteSupport.Domain.Groups.ParticipantStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RemoteSupport.Domain.Groups.Attendance>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // The domain creates its own ids (Guid v7). Telling EF they are never generated makes a new child added
        // through a navigation (a checklist item, a plan-B switch) an INSERT, not an UPDATE of a row that does not exist.
        foreach (var key in builder.Model.GetEntityTypes()
                     .Where(t => t.ClrType.Namespace?.StartsWith("RemoteSupport.Domain", StringComparison.Ordinal) == true)
                     .Select(t => t.FindPrimaryKey())
                     .Where(k => k is { Properties.Count: 1 } && k.Properties[0].ClrType == typeof(Guid)))
        {
            key!.Properties[0].ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
        }

        foreach (var entity in builder.Model.GetEntityTypes().Where(t => typeof(IDepartmentScoped).IsAssignableFrom(t.ClrType)))
        {
            typeof(AppDbContext).GetMethod(nameof(ApplyDepartmentFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entity.ClrType)
                .Invoke(this, [builder]);
        }
    }

    private void ApplyDepartmentFilter<T>(ModelBuilder builder) where T : class, IDepartmentScoped
    {
        Expression<Func<T, bool>> filter = e => IsSystemScope || AllowedDepartmentIds.Contains(e.DepartmentId);
        builder.Entity<T>().HasQueryFilter(DepartmentFilter, filter);
    }

    // The journal's chain and the restriction guard read the database before writing: the synchronous path goes through
    // the same code (nothing in the app saves synchronously).
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardWrites();
        // A restricted or anonymised file is read-only, whatever page writes (issue 14).
        await Retention.ProcessingRestrictionGuard.CheckAsync(this, cancellationToken);
        // New journal entries are sealed into their department's hash chain, in the save's transaction (ADR-0023).
        if (!Journal.JournalSealing.HasNewEntries(this)) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        return await Journal.JournalSealing.SaveSealedAsync(this, (accept, ct) => base.SaveChangesAsync(accept, ct), acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// The write half of department isolation, and the append-only rule of the records that stand as evidence.
    /// Runs before every save, whatever the page forgot to check.
    /// </summary>
    private void GuardWrites()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;

            // The journal, the consent history, the access trail and the audit are evidence: never rewritten.
            if (entry.State != EntityState.Added && entry.Entity is ActivityLogEntry or ConsentRecord or PersonAccess or AuditEntry)
                throw new AppendOnlyViolationException(entry.Metadata.ClrType.Name);

            if (entry.Entity is not IDepartmentScoped scoped) continue;
            GuardDepartment(scoped.DepartmentId, entry.Metadata.ClrType.Name);
            // Moving a record out of a department is a write to the department it came from too.
            if (entry.State == EntityState.Modified
                && entry.Property(nameof(IDepartmentScoped.DepartmentId)).OriginalValue is int original)
                GuardDepartment(original, entry.Metadata.ClrType.Name);
        }
    }

    /// <summary>The write half of department isolation for one record: refused outside the user's departments.</summary>
    private void GuardDepartment(int departmentId, string entity)
    {
        if (!IsSystemScope && !AllowedDepartmentIds.Contains(departmentId)) throw new DepartmentIsolationException(entity);
    }

    /// <summary>
    /// Writes the trace of a read of a file at once, under the same department guard as a save, as one prepared
    /// INSERT without the change tracker: it is written on every opening of a file, the most frequent write of the app
    /// (docs/performance.md, « Round 4 »). A trace is never changed, so the append-only rule holds by construction.
    /// </summary>
    public async Task AppendAccessAsync(PersonAccess access, CancellationToken ct)
    {
        GuardDepartment(access.DepartmentId, nameof(PersonAccess));
        await Database.ExecuteSqlAsync(
            $"""INSERT INTO "PersonAccesses" ("DepartmentId", "PersonId", "UserId", "At", "Page") VALUES ({access.DepartmentId}, {access.PersonId}, {access.UserId}, {access.At}, {access.Page})""",
            ct);
    }
}

public sealed class DepartmentIsolationException(string entity)
    : InvalidOperationException($"Write to a {entity} outside the current user's departments was refused.");

public sealed class AppendOnlyViolationException(string entity)
    : InvalidOperationException($"{entity} records are append-only.");
