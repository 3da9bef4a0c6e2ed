using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RemoteSupport.Web.Infrastructure.Jobs;

namespace RemoteSupport.Web.Data.Configurations;

/// <summary>One row per background job (ADR-0021); read and written by <see cref="JobRunner"/> with plain SQL.</summary>
public sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.ToTable("JobRuns");
        b.HasKey(r => r.Name);
        b.Property(r => r.Name).HasMaxLength(JobRun.NameMaxLength);
        b.Property(r => r.LastOutcome).HasMaxLength(16);
        b.Property(r => r.LastInstance).HasMaxLength(128);
        b.Property(r => r.LastSummary).HasMaxLength(400);
    }
}
