using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Web.Data.Configurations;

public sealed class ActivityLogConfiguration : IEntityTypeConfiguration<ActivityLogEntry>
{
    public void Configure(EntityTypeBuilder<ActivityLogEntry> b)
    {
        b.ToTable("ActivityLog");
        b.Property(a => a.Description).HasMaxLength(FieldLengths.JournalDescription);
        b.HasOne<AccompaniedPerson>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        // A person's journal, newest first.
        b.HasIndex(a => new { a.DepartmentId, a.PersonId, a.At }).IsDescending(false, false, true);
        // Department-wide figures and exports by date.
        b.HasIndex(a => new { a.DepartmentId, a.At, a.Kind });
    }
}

public sealed class PersonAccessConfiguration : IEntityTypeConfiguration<PersonAccess>
{
    public void Configure(EntityTypeBuilder<PersonAccess> b)
    {
        b.ToTable("PersonAccesses");
        b.Property(a => a.Page).HasMaxLength(FieldLengths.AccessPage);
        b.HasIndex(a => new { a.DepartmentId, a.PersonId, a.At });
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        // Typed in the code, stored by name (older rows hold the same names).
        b.Property(a => a.Area).HasConversion<string>().HasMaxLength(60);
        b.Property(a => a.Action).HasConversion<string>().HasMaxLength(60);
        b.Property(a => a.EntityId).HasMaxLength(80);
        b.Property(a => a.Before).HasColumnType("jsonb");
        b.Property(a => a.After).HasColumnType("jsonb");
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.DepartmentId, a.At });
    }
}
