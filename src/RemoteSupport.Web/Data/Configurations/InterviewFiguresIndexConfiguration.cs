using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Domain.Interviews;

namespace RemoteSupport.Web.Data.Configurations;

/// <summary>
/// The team lead's workload and figures count a department's interviews of a week, a month or a period per worker,
/// modality and status: with these columns in the index the count never reads the table (500,000 interviews at
/// department scale, docs/performance.md). Kept apart from <see cref="InterviewConfiguration"/>, which EF merges with it.
/// </summary>
public sealed class InterviewFiguresIndexConfiguration : IEntityTypeConfiguration<Interview>
{
    public void Configure(EntityTypeBuilder<Interview> b) =>
        b.HasIndex(i => new { i.DepartmentId, i.ScheduledAt }, "IX_Interviews_Figures")
            .IncludeProperties(i => new { i.WorkerId, i.Status, i.Modality });
}
