using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Data.Configurations;

public sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.ToTable("UserSessions");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(32);
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        // Ending every open session of a user (new password, second factor reset, deactivation).
        b.HasIndex(s => new { s.UserId, s.EndedAt });
    }
}

public sealed class FormSubmissionConfiguration : IEntityTypeConfiguration<FormSubmission>
{
    public void Configure(EntityTypeBuilder<FormSubmission> b)
    {
        b.ToTable("FormSubmissions");
        b.HasKey(f => new { f.Key, f.BodyHash });
        b.Property(f => f.Key).ValueGeneratedNever();
        b.Property(f => f.BodyHash).HasMaxLength(64);
        b.Property(f => f.ResultUrl).HasMaxLength(2048);
        b.Property(f => f.Flash).HasMaxLength(1000);
        b.HasIndex(f => f.CreatedAt); // the daily clean-up
    }
}

/// <summary>
/// The department's sign-in settings (ADR-0016), kept apart from its other settings' configuration. Existing rows get
/// the defaults; the sentinel makes EF always send the value, so an explicit 0 (never remember a browser) is kept.
/// </summary>
public sealed class DepartmentSignInConfiguration : IEntityTypeConfiguration<RemoteSupport.Domain.Departments.Department>
{
    public void Configure(EntityTypeBuilder<RemoteSupport.Domain.Departments.Department> b)
    {
        b.Property(d => d.TrustedBrowserDays).HasDefaultValue(RemoteSupport.Domain.Departments.Department.DefaultTrustedBrowserDays).HasSentinel(-1);
        b.Property(d => d.IdleTimeoutMinutes).HasDefaultValue(RemoteSupport.Domain.Departments.Department.DefaultIdleTimeoutMinutes).HasSentinel(-1);
    }
}
