using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Departments;

namespace RemoteSupport.Web.Data.Configurations;

public sealed class ChecklistTemplateConfiguration : IEntityTypeConfiguration<ChecklistTemplate>
{
    public void Configure(EntityTypeBuilder<ChecklistTemplate> b)
    {
        b.ToTable("ChecklistTemplates");
        b.Property(t => t.RowVersion).IsRowVersion();
        b.Ignore(t => t.IsDraft);
        b.HasOne<Department>().WithMany().HasForeignKey(t => t.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.Items).WithOne().HasForeignKey(i => i.TemplateId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.DepartmentId, t.Modality, t.Version }).IsUnique();
    }
}

public sealed class ChecklistTemplateItemConfiguration : IEntityTypeConfiguration<ChecklistTemplateItem>
{
    public void Configure(EntityTypeBuilder<ChecklistTemplateItem> b)
    {
        b.ToTable("ChecklistTemplateItems");
        b.Property(i => i.Text).HasMaxLength(300);
        b.Property(i => i.HelpText).HasMaxLength(600);
        b.HasIndex(i => new { i.DepartmentId, i.TemplateId, i.Phase, i.Order });
    }
}
