using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Data.Configurations;

public sealed class InterviewConfiguration : IEntityTypeConfiguration<Interview>
{
    public void Configure(EntityTypeBuilder<Interview> b)
    {
        b.ToTable("Interviews");
        b.Property(i => i.Objectives).HasMaxLength(2000);
        b.Property(i => i.FallbackPhone).HasMaxLength(20);
        b.Property(i => i.Summary).HasMaxLength(8000);
        b.Property(i => i.PrivateNote).HasMaxLength(8000);
        b.Property(i => i.FaceToFaceTopics).HasMaxLength(2000);
        b.Property(i => i.IncompleteChecklistJustification).HasMaxLength(1000);
        b.Property(i => i.StatusComment).HasMaxLength(1000);
        b.Property(i => i.Version).IsRowVersion();
        b.Ignore(i => i.EndsAt);
        b.Ignore(i => i.IsOpen);
        b.Ignore(i => i.CurrentModality);

        b.HasOne<AccompaniedPerson>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(i => i.WorkerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<VideoTool>().WithMany().HasForeignKey(i => i.VideoToolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ChecklistTemplate>().WithMany().HasForeignKey(i => i.ChecklistTemplateId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Participants).WithOne().HasForeignKey(p => p.InterviewId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Checklist).WithOne().HasForeignKey(c => c.InterviewId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.FallbackSwitches).WithOne().HasForeignKey(s => s.InterviewId).OnDelete(DeleteBehavior.Cascade);

        // "Mon agenda" and workload: a worker's interviews by date.
        b.HasIndex(i => new { i.DepartmentId, i.WorkerId, i.ScheduledAt });
        // A person's interviews (details page, priorities).
        b.HasIndex(i => new { i.DepartmentId, i.PersonId, i.ScheduledAt });
        // Figures over a period.
        b.HasIndex(i => new { i.DepartmentId, i.ScheduledAt, i.Status });
    }
}

public sealed class InterviewParticipantConfiguration : IEntityTypeConfiguration<InterviewParticipant>
{
    public void Configure(EntityTypeBuilder<InterviewParticipant> b)
    {
        b.ToTable("InterviewParticipants");
        b.Property(p => p.Name).HasMaxLength(120);
        b.HasIndex(p => new { p.DepartmentId, p.InterviewId });
    }
}

public sealed class InterviewChecklistItemConfiguration : IEntityTypeConfiguration<InterviewChecklistItem>
{
    public void Configure(EntityTypeBuilder<InterviewChecklistItem> b)
    {
        b.ToTable("InterviewChecklistItems");
        b.Property(i => i.Text).HasMaxLength(300);
        b.Property(i => i.HelpText).HasMaxLength(600);
        b.Ignore(i => i.IsChecked);
        b.HasIndex(i => new { i.DepartmentId, i.InterviewId, i.Phase, i.Order });
    }
}

public sealed class FallbackSwitchConfiguration : IEntityTypeConfiguration<FallbackSwitch>
{
    public void Configure(EntityTypeBuilder<FallbackSwitch> b)
    {
        b.ToTable("FallbackSwitches");
        b.Property(s => s.Reason).HasMaxLength(500);
        b.HasIndex(s => new { s.DepartmentId, s.InterviewId });
    }
}

public sealed class FollowUpActionConfiguration : IEntityTypeConfiguration<FollowUpAction>
{
    public void Configure(EntityTypeBuilder<FollowUpAction> b)
    {
        b.ToTable("FollowUpActions");
        b.Property(a => a.Who).HasMaxLength(120);
        b.Property(a => a.What).HasMaxLength(500);
        b.HasOne<AccompaniedPerson>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Interview>().WithMany().HasForeignKey(a => a.InterviewId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<RemoteSupport.Domain.Groups.GroupSession>().WithMany().HasForeignKey(a => a.GroupSessionId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(a => new { a.DepartmentId, a.PersonId, a.DueOn });
        // Issue 17: an orientation names a directory resource; the resource is never deleted, only deactivated.
        b.HasOne<RemoteSupport.Domain.Directory.Resource>().WithMany().HasForeignKey(a => a.ResourceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.DepartmentId, a.PersonId, a.ResourceId }).HasFilter("\"ResourceId\" IS NOT NULL");
        // Overdue actions across a department: only open ones matter.
        b.HasIndex(a => new { a.DepartmentId, a.DueOn }).HasFilter("\"DoneAt\" IS NULL");
    }
}
