using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Domain.Priorities;

namespace RemoteSupport.Web.Data.Configurations;

public sealed class PersonPriorityConfiguration : IEntityTypeConfiguration<PersonPriority>
{
    public void Configure(EntityTypeBuilder<PersonPriority> b)
    {
        b.ToTable("PersonPriorities");
        b.HasKey(p => p.PersonId);
        b.Property(p => p.Reasons).HasColumnType("jsonb");
        b.HasOne<AccompaniedPerson>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        // The department's ranking, read in index order: "À contacter en priorité", 50 at a time.
        b.HasIndex(p => new { p.DepartmentId, p.IsActive, p.Score, p.LastContactSort, p.PersonId })
            .IsDescending(false, false, true, false, false);
        // How many persons a department ranks (the page count): an index-only scan of a narrow index.
        b.HasIndex(p => p.DepartmentId, "IX_PersonPriorities_Active").HasFilter("\"IsActive\"");
        // Each worker's load (workload, figures) added up without reading the reasons.
        b.HasIndex(p => new { p.DepartmentId, p.ReferentId }, "IX_PersonPriorities_Load")
            .HasFilter("\"IsActive\"")
            .IncludeProperties(p => new { p.ContactOverdue, p.OverdueActions, p.FirstMeetingPending, p.FaceToFaceNeeded });
        // One worker's ranking (home page) and a team's (referents of the team).
        b.HasIndex(p => new { p.ReferentId, p.IsActive, p.Score });
        // What a reader must refresh first: rows marked stale by a trigger, rows computed on an earlier day.
        b.HasIndex(p => p.DepartmentId, "IX_PersonPriorities_Stale").HasFilter("\"IsStale\"");
        b.HasIndex(p => new { p.DepartmentId, p.ComputedOn });
    }
}
