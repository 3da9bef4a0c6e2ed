using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Data.Configurations;

public sealed class PersonConfiguration : IEntityTypeConfiguration<AccompaniedPerson>
{
    public void Configure(EntityTypeBuilder<AccompaniedPerson> b)
    {
        b.ToTable("AccompaniedPersons");
        b.Property(p => p.FirstName).HasMaxLength(FieldLengths.PersonName);
        b.Property(p => p.LastName).HasMaxLength(FieldLengths.PersonName);
        b.Property(p => p.Phone).HasMaxLength(FieldLengths.Phone);
        b.Property(p => p.Email).HasMaxLength(FieldLengths.Email);
        b.Property(p => p.Address).HasMaxLength(FieldLengths.Address);
        b.Property(p => p.PostalCode).HasMaxLength(FieldLengths.PostalCode);
        b.Property(p => p.City).HasMaxLength(FieldLengths.City);
        b.Property(p => p.ClosureReason).HasMaxLength(FieldLengths.ClosureReason);
        b.Property(p => p.Language).HasMaxLength(FieldLengths.Language);
        b.Property(p => p.PreferredContactNote).HasMaxLength(FieldLengths.ContactNote);
        b.PrimitiveCollection(p => p.RemoteReasons).ElementType(e => e.HasConversion<string>());
        b.PrimitiveCollection(p => p.PreferredModalities).ElementType(e => e.HasConversion<string>());
        b.PrimitiveCollection(p => p.PreferredDays);
        b.Property(p => p.Version).IsRowVersion();
        b.Ignore(p => p.FullName);
        b.Ignore(p => p.Initials);
        b.Ignore(p => p.FirstMeetingPending);
        b.Ignore(p => p.PreferredWindow);

        b.HasOne<Department>().WithMany().HasForeignKey(p => p.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.ReferentId).OnDelete(DeleteBehavior.Restrict);

        // "Ma file active": one worker's persons by status, sorted by name.
        b.HasIndex(p => new { p.DepartmentId, p.ReferentId, p.Status, p.LastName, p.FirstName });
        // Team-lead lists and priorities: a department's active persons by last contact.
        b.HasIndex(p => new { p.DepartmentId, p.Status, p.LastContactAt });
    }
}
