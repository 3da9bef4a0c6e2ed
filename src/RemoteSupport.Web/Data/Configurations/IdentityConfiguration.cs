using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Data.Configurations;

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(120);
        b.HasOne<Department>().WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Team>().WithMany().HasForeignKey(u => u.TeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(u => u.ExtraDepartments).WithOne().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(u => new { u.DepartmentId, u.TeamId, u.IsActive });
    }
}

public sealed class UserDepartmentGrantConfiguration : IEntityTypeConfiguration<UserDepartmentGrant>
{
    public void Configure(EntityTypeBuilder<UserDepartmentGrant> b)
    {
        b.ToTable("UserDepartmentGrants");
        b.HasKey(g => new { g.UserId, g.DepartmentId });
        b.HasOne<Department>().WithMany().HasForeignKey(g => g.DepartmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
