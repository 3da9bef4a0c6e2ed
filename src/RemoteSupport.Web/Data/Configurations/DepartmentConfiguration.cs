using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Domain.Departments;

namespace RemoteSupport.Web.Data.Configurations;

public sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.ToTable("Departments");
        b.Property(d => d.Code).HasMaxLength(16);
        b.Property(d => d.Name).HasMaxLength(120);
        b.HasIndex(d => d.Code).IsUnique();
        b.Property(d => d.Version).IsRowVersion();
        // Existing departments get the default limit, not zero.
        b.Property(d => d.GroupMaxParticipants).HasDefaultValue(Department.DefaultGroupMaxParticipants);
    }
}

public sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.ToTable("Teams");
        b.Property(t => t.Name).HasMaxLength(120);
        b.HasOne<Department>().WithMany().HasForeignKey(t => t.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.DepartmentId, t.Name }).IsUnique();
        b.Property(t => t.Version).IsRowVersion();
    }
}

public sealed class VideoToolConfiguration : IEntityTypeConfiguration<VideoTool>
{
    public void Configure(EntityTypeBuilder<VideoTool> b)
    {
        b.ToTable("VideoTools");
        b.Property(t => t.Name).HasMaxLength(80);
        b.Property(t => t.PrivacyNote).HasMaxLength(500);
        b.HasOne<Department>().WithMany().HasForeignKey(t => t.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.DepartmentId, t.Name });
    }
}
