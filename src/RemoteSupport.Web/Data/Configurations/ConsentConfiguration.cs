using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Data.Configurations;

public sealed class ConsentConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> b)
    {
        b.ToTable("ConsentRecords");
        b.Property(c => c.Comment).HasMaxLength(FieldLengths.ConsentComment);
        b.HasOne<AccompaniedPerson>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(c => c.RecordedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.DepartmentId, c.PersonId, c.Modality, c.DecidedAt });
    }
}
