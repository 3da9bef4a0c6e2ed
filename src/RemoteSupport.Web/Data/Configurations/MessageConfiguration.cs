using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Data.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        b.Property(m => m.Recipient).HasMaxLength(254);
        b.Property(m => m.Subject).HasMaxLength(MessageTemplate.SubjectMaxLength);
        b.Property(m => m.Body).HasMaxLength(OutboxMessage.BodyMaxLength);
        b.Property(m => m.HtmlBody).HasMaxLength(OutboxMessage.HtmlBodyMaxLength);
        b.Property(m => m.Calendar).HasMaxLength(8000);
        b.Property(m => m.StatusReason).HasMaxLength(1000);
        b.Property(m => m.ProviderReference).HasMaxLength(200);
        b.Property(m => m.Version).IsRowVersion();
        b.Ignore(m => m.IsPlanned);

        b.HasOne<AccompaniedPerson>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Interview>().WithMany().HasForeignKey(m => m.InterviewId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<RemoteSupport.Domain.Groups.GroupSession>().WithMany().HasForeignKey(m => m.GroupSessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(m => m.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(m => m.DepartmentId).OnDelete(DeleteBehavior.Restrict);

        // The sender's claim: due planned messages, oldest first (a partial index stays as small as the plan).
        b.HasIndex(m => m.DueAt).HasFilter("\"Status\" = 'Planned'").HasDatabaseName("IX_OutboxMessages_Due");
        // Messages still "sending" long after they were claimed (an instance stopped mid-send).
        b.HasIndex(m => m.SendingSince).HasFilter("\"Status\" = 'Sending'").HasDatabaseName("IX_OutboxMessages_Sending");
        // A person's and an interview's message panels, newest first.
        b.HasIndex(m => new { m.DepartmentId, m.PersonId, m.CreatedAt });
        b.HasIndex(m => new { m.DepartmentId, m.InterviewId });
        b.HasIndex(m => new { m.DepartmentId, m.GroupSessionId }).HasFilter("\"GroupSessionId\" IS NOT NULL");
        // Home page failures of the last 7 days, and the team lead's counts by status.
        b.HasIndex(m => new { m.DepartmentId, m.Status, m.CreatedAt });
        // Delivery receipts find their message by the provider's reference.
        b.HasIndex(m => m.ProviderReference);
    }
}

public sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> b)
    {
        b.ToTable("MessageTemplates");
        b.Property(t => t.Subject).HasMaxLength(MessageTemplate.SubjectMaxLength);
        b.Property(t => t.Body).HasMaxLength(MessageTemplate.BodyMaxLength);
        b.Property(t => t.Version).IsRowVersion();
        b.HasOne<Department>().WithMany().HasForeignKey(t => t.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.DepartmentId, t.Purpose, t.Channel }).IsUnique();
    }
}

public sealed class MessageSettingsConfiguration : IEntityTypeConfiguration<MessageSettings>
{
    public void Configure(EntityTypeBuilder<MessageSettings> b)
    {
        b.ToTable("MessageSettings");
        b.HasKey(s => s.DepartmentId);
        b.Property(s => s.DepartmentId).ValueGeneratedNever();
        b.Property(s => s.Version).IsRowVersion();
        b.HasOne<Department>().WithMany().HasForeignKey(s => s.DepartmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
