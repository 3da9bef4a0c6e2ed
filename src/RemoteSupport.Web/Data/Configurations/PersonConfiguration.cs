using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Data.Configurations;

public sealed class PersonConfiguration : IEntityTypeConfiguration<AccompaniedPerson>
{
    public void Configure(EntityTypeBuilder<AccompaniedPerson> b)
    {
        b.ToTable("AccompaniedPersons");
        b.Property(p => p.FirstName).HasMaxLength(100);
        b.Property(p => p.LastName).HasMaxLength(100);
        b.Property(p => p.Phone).HasMaxLength(20);
        b.Property(p => p.Email).HasMaxLength(254);
        b.Property(p => p.Address).HasMaxLength(200);
        b.Property(p => p.PostalCode).HasMaxLength(5);
        b.Property(p => p.City).HasMaxLength(100);
        b.Property(p => p.ClosureReason).HasMaxLength(500);
        b.Property(p => p.Language).HasMaxLength(60);
        b.Property(p => p.PreferredContactNote).HasMaxLength(300);
        b.PrimitiveCollection(p => p.RemoteReasons).ElementType(e => e.HasConversion<string>());
        b.PrimitiveCollection(p => p.PreferredModalities).ElementType(e => e.HasConversion<string>());
        b.PrimitiveCollection(p => p.PreferredDays);
        b.Property(p => p.Version).IsRowVersion();
        b.Ignore(p => p.FullName);
        b.Ignore(p => p.Initials);
        b.Ignore(p => p.FirstMeetingPending);

        b.HasOne<Department>().WithMany().HasForeignKey(p => p.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.ReferentId).OnDelete(DeleteBehavior.Restrict);

        // "Ma file active": one worker's persons by status, sorted by name.
        b.HasIndex(p => new { p.DepartmentId, p.ReferentId, p.Status, p.LastName, p.FirstName });
        // Team-lead lists and priorities: a department's active persons by last contact.
        b.HasIndex(p => new { p.DepartmentId, p.Status, p.LastContactAt });
    }
}
