using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Directory;
using RemoteSupport.Domain.Interviews;

namespace RemoteSupport.Web.Data.Configurations;

public sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    public void Configure(EntityTypeBuilder<Resource> b)
    {
        b.ToTable("Resources");
        b.Property(r => r.Name).HasMaxLength(Resource.NameMaxLength);
        b.Property(r => r.Offer).HasMaxLength(Resource.TextMaxLength);
        b.Property(r => r.ForWhom).HasMaxLength(Resource.ShortMaxLength);
        b.Property(r => r.Phone).HasMaxLength(30);
        b.Property(r => r.Email).HasMaxLength(254);
        b.Property(r => r.Address).HasMaxLength(Resource.ShortMaxLength);
        b.Property(r => r.PostalCode).HasMaxLength(10);
        b.Property(r => r.Commune).HasMaxLength(100);
        b.Property(r => r.CommuneKey).HasMaxLength(100);
        b.Property(r => r.OpeningHours).HasMaxLength(Resource.ShortMaxLength);
        b.Property(r => r.Website).HasMaxLength(300);
        b.Property(r => r.Languages).HasMaxLength(Resource.ShortMaxLength);
        b.Property(r => r.EasyToRead).HasMaxLength(Resource.TextMaxLength);
        b.Property(r => r.Version).IsRowVersion();
        b.Ignore(r => r.OffersDigitalHelp);
        b.HasOne<Department>().WithMany().HasForeignKey(r => r.DepartmentId).OnDelete(DeleteBehavior.Restrict);

        // The search list: a department's active entries by name; by commune; by theme (an array: GIN).
        b.HasIndex(r => new { r.DepartmentId, r.IsActive, r.Name });
        b.HasIndex(r => new { r.DepartmentId, r.CommuneKey });
        b.HasIndex(r => r.Themes).HasMethod("gin");
    }
}

public sealed class DirectoryThemeConfiguration : IEntityTypeConfiguration<DirectoryTheme>
{
    public void Configure(EntityTypeBuilder<DirectoryTheme> b)
    {
        b.ToTable("DirectoryThemes");
        b.Property(t => t.Name).HasMaxLength(DirectoryTheme.NameMaxLength);
        b.HasOne<Department>().WithMany().HasForeignKey(t => t.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.DepartmentId, t.Name }).IsUnique();
    }
}

public sealed class PublicGuideConfiguration : IEntityTypeConfiguration<PublicGuide>
{
    public void Configure(EntityTypeBuilder<PublicGuide> b)
    {
        b.ToTable("PublicGuides");
        b.Property(g => g.Title).HasMaxLength(PublicGuide.TitleMaxLength);
        b.Property(g => g.Steps).HasMaxLength(PublicGuide.StepsMaxLength);
        b.Property(g => g.HelpPhone).HasMaxLength(30);
        b.Property(g => g.Version).IsRowVersion();
        b.Ignore(g => g.StepLines);
        b.HasOne<Department>().WithMany().HasForeignKey(g => g.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<VideoTool>().WithMany().HasForeignKey(g => g.VideoToolId).OnDelete(DeleteBehavior.Cascade);
        // One guide per modality and tool; NULLS NOT DISTINCT makes "the modality's guide" unique too.
        b.HasIndex(g => new { g.DepartmentId, g.Modality, g.VideoToolId }).IsUnique().AreNullsDistinct(false);
    }
}
