using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Groups;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Data.Configurations;

public sealed class GroupSessionConfiguration : IEntityTypeConfiguration<GroupSession>
{
    public void Configure(EntityTypeBuilder<GroupSession> b)
    {
        b.ToTable("GroupSessions", t =>
        {
            // The last guard against overbooking: whatever the code does, the seats taken never pass the capacity.
            t.HasCheckConstraint("CK_GroupSessions_Seats", "\"SeatsTaken\" >= 0 AND \"SeatsTaken\" <= \"Capacity\"");
        });
        b.Property(s => s.Theme).HasMaxLength(GroupRules.ThemeMaxLength);
        b.Property(s => s.Agenda).HasMaxLength(GroupRules.AgendaMaxLength);
        b.Property(s => s.SpeakingRules).HasMaxLength(GroupRules.SpeakingRulesMaxLength);
        b.Property(s => s.JoinDetails).HasMaxLength(GroupRules.JoinDetailsMaxLength);
        b.Property(s => s.Summary).HasMaxLength(GroupRules.SummaryMaxLength);
        b.Property(s => s.CancelReason).HasMaxLength(GroupRules.ReasonMaxLength);
        b.Property(s => s.Version).IsRowVersion();
        // Every change of the participants bumps it: two organisers saving at once conflict on this row.
        b.Property(s => s.SeatsVersion).IsConcurrencyToken();
        b.Ignore(s => s.EndsAt);
        b.Ignore(s => s.ParticipantTechnicalHelper);
        b.Ignore(s => s.Outline);
        b.Ignore(s => s.SeatsLeft);
        b.Ignore(s => s.CapacityWarning);
        b.Ignore(s => s.Registered);
        b.Ignore(s => s.WaitingList);

        b.HasOne<Department>().WithMany().HasForeignKey(s => s.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<VideoTool>().WithMany().HasForeignKey(s => s.ToolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ChecklistTemplate>().WithMany().HasForeignKey(s => s.ChecklistTemplateId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.OrganiserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.FacilitatorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.NoteTakerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.TechnicalHelperWorkerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GroupSession>().WithMany().HasForeignKey(s => s.PreviousSessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Participants).WithOne().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Checklist).WithOne().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Cascade);

        // The department's sessions by date (list, figures), and a worker's sessions (agenda, calendar).
        b.HasIndex(s => new { s.DepartmentId, s.ScheduledAt });
        b.HasIndex(s => new { s.DepartmentId, s.FacilitatorId, s.ScheduledAt });
        b.HasIndex(s => new { s.DepartmentId, s.OrganiserId, s.ScheduledAt });
    }
}

public sealed class GroupParticipantConfiguration : IEntityTypeConfiguration<GroupParticipant>
{
    public void Configure(EntityTypeBuilder<GroupParticipant> b)
    {
        b.ToTable("GroupParticipants");
        b.Ignore(p => p.IsActive);
        b.HasOne<AccompaniedPerson>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        // A person holds at most one active place in a session.
        b.HasIndex(p => new { p.SessionId, p.PersonId }).IsUnique()
            .HasFilter("\"Status\" IN ('Proposed', 'Registered', 'Waiting')").HasDatabaseName("IX_GroupParticipants_Active");
        // A person's sessions (person page, export), and the proposals waiting for a referent.
        b.HasIndex(p => new { p.DepartmentId, p.PersonId });
        b.HasIndex(p => new { p.DepartmentId, p.Status }).HasFilter("\"Status\" = 'Proposed'");
    }
}

public sealed class GroupChecklistItemConfiguration : IEntityTypeConfiguration<GroupChecklistItem>
{
    public void Configure(EntityTypeBuilder<GroupChecklistItem> b)
    {
        b.ToTable("GroupChecklistItems");
        b.Property(i => i.Text).HasMaxLength(ChecklistTemplate.MaxTextLength);
        b.Property(i => i.HelpText).HasMaxLength(ChecklistTemplate.MaxHelpTextLength);
        b.Ignore(i => i.IsChecked);
        b.HasIndex(i => new { i.DepartmentId, i.SessionId, i.Phase, i.Order });
    }
}
