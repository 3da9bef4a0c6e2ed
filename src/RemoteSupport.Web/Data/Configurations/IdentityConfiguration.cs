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
        // Maintained by triggers only (ClaimsVersionSql): never in an INSERT or UPDATE of EF Core (UserManager's UpdateAsync
        // writes every column and would put back a stale value), read back after each save.
        var version = b.Property(u => u.ClaimsVersion).HasDefaultValue(0).ValueGeneratedOnAddOrUpdate();
        version.Metadata.SetBeforeSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
        version.Metadata.SetAfterSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
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
