using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Web.Data.Configurations;

// The columns of the person's rights (issue 14). EF Core applies every configuration of an entity, so these sit apart
// from the entities' main configurations.

public sealed class PersonRightsConfiguration : IEntityTypeConfiguration<AccompaniedPerson>
{
    public void Configure(EntityTypeBuilder<AccompaniedPerson> b)
    {
        b.Property(p => p.NoticeMethod).HasConversion<string>().HasMaxLength(32);
        b.Property(p => p.RetentionHoldReason).HasMaxLength(AccompaniedPerson.RightsReasonMaxLength);
        b.Ignore(p => p.IsAnonymised);
        b.Ignore(p => p.IsRetentionHeld);
        b.Ignore(p => p.MayReceiveMessages);
        // The nightly retention job: persons of a department not yet anonymised, by last contact.
        b.HasIndex(p => new { p.DepartmentId, p.AnonymisedAt, p.LastContactAt });
        // The worker's attention list: their persons who have not received the notice.
        b.HasIndex(p => new { p.DepartmentId, p.ReferentId, p.NoticeGivenAt });
    }
}

public sealed class DepartmentRightsConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.Property(d => d.AccessJournalMonths).HasDefaultValue(12);
        b.Property(d => d.ActivePeriodMonths).HasDefaultValue(24);
        b.Property(d => d.SubjectAccessExporters).HasConversion<string>().HasMaxLength(32)
            .HasDefaultValue(SubjectAccessExporters.TeamLeadsAndAdmins).HasSentinel((SubjectAccessExporters)(-1));
        b.Property(d => d.NoticeController).HasMaxLength(Department.NoticeTextMaxLength);
        b.Property(d => d.NoticeDpoContact).HasMaxLength(Department.NoticeTextMaxLength);
        b.Property(d => d.NoticeRightsContact).HasMaxLength(Department.NoticeTextMaxLength);
        b.Property(d => d.NoticeAdditionalText).HasMaxLength(Department.NoticeTextMaxLength);
    }
}

public sealed class JournalChainConfiguration : IEntityTypeConfiguration<ActivityLogEntry>
{
    public void Configure(EntityTypeBuilder<ActivityLogEntry> b)
    {
        b.Property(a => a.PreviousHash).HasMaxLength(64);
        b.Property(a => a.Hash).HasMaxLength(64);
        b.Property(a => a.DescriptionDigest).HasMaxLength(64);
        // One entry per place in a department's chain: two writers can never both append after the same entry.
        b.HasIndex(a => new { a.DepartmentId, a.ChainSeq }).IsUnique();
    }
}

public sealed class PersonAccessJournalConfiguration : IEntityTypeConfiguration<PersonAccess>
{
    public void Configure(EntityTypeBuilder<PersonAccess> b)
    {
        // « Tout ce qu'un utilisateur a ouvert » over a period, and the nightly purge by date.
        b.HasIndex(a => new { a.DepartmentId, a.UserId, a.At });
        b.HasIndex(a => new { a.DepartmentId, a.At });
    }
}
