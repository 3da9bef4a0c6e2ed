using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Directory;
using RemoteSupport.Web.Data;

namespace RemoteSupport.Web.Pages.Directory.Guides;

/// <summary>The guide an invitation e-mail carries (issue 17): the tool's own guide for video, otherwise the modality's.</summary>
public static class PublicGuideText
{
    public static async Task<string?> ForInterviewAsync(AppDbContext db, int departmentId, Modality modality, Guid? videoToolId, CancellationToken ct)
    {
        var guides = await db.PublicGuides.AsNoTracking()
            .Where(g => g.DepartmentId == departmentId && g.Modality == modality && (g.VideoToolId == null || g.VideoToolId == videoToolId))
            .ToListAsync(ct);
        return PublicGuide.For(guides, modality, videoToolId)?.AsText();
    }
}
