using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin.VideoTools;

/// <summary>
/// Edits, deactivates or deletes an approved video tool. A tool an interview used is never deleted (the interview
/// keeps pointing at it): it is deactivated instead.
/// </summary>
public sealed class Edit(Edit.Handler handler) : AdminPageModel
{
    [BindProperty] public VideoToolInput Input { get; set; } = new();
    public Handler.Details Tool { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var tool = await handler.LoadAsync(id, ct);
        if (tool is null) return NotFound();
        (Tool, Input) = (tool, tool.Input);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var tool = await handler.LoadAsync(id, ct);
        if (tool is null) return NotFound();
        Tool = tool;
        if (!ModelState.IsValid) return Page();
        switch (await handler.HandleAsync(id, Input, User.RequiredUserId(), ct))
        {
            case null: return NotFound();
            case false: return this.PageWithError(VideoToolInput.NameTaken, "Input.Name");
        }
        TempData["flash"] = "L'outil de visioconférence a été enregistré.";
        return RedirectToPage("Index");
    }

    [Validates] // deleting reads no form
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var tool = await handler.LoadAsync(id, ct);
        if (tool is null) return NotFound();
        (Tool, Input) = (tool, tool.Input);
        if (tool.Interviews > 0)
            return this.PageWithError("Cet outil a déjà servi à des entretiens : il ne peut pas être supprimé. Décochez « Proposé aux travailleurs sociaux » pour ne plus le proposer.");
        if (!await handler.DeleteAsync(id, User.RequiredUserId(), ct)) return NotFound();
        TempData["flash"] = "L'outil de visioconférence a été supprimé.";
        return RedirectToPage("Index");
    }

    public sealed class Handler(AppDbContext db, AdminGate gate, TimeProvider clock)
    {
        public sealed record Details(Guid Id, int DepartmentId, string DepartmentName, int Interviews, VideoToolInput Input);

        public async Task<Details?> LoadAsync(Guid id, CancellationToken ct)
        {
            // Video tools are filtered to the administrator's departments: another department's tool is not found.
            var tool = await db.VideoTools.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
            if (tool is null || !await gate.AllowsAsync(tool.DepartmentId, Operations.View)) return null;
            var department = await db.Departments.Where(d => d.Id == tool.DepartmentId).Select(d => d.Code + " – " + d.Name).FirstAsync(ct);
            var interviews = await db.Interviews.CountAsync(i => i.VideoToolId == id, ct);
            return new Details(tool.Id, tool.DepartmentId, department, interviews, VideoToolInput.From(tool));
        }

        /// <returns>False when another tool of the department already has this name.</returns>
        public async Task<bool?> HandleAsync(Guid id, VideoToolInput input, Guid actorId, CancellationToken ct)
        {
            var tool = await db.VideoTools.FirstOrDefaultAsync(t => t.Id == id, ct);
            // Checked here too: this handler writes, whatever page called it.
            if (tool is null || !await gate.AllowsAsync(tool.DepartmentId, Operations.Edit)) return null;
            if (await VideoToolInput.NameTakenAsync(db, tool.DepartmentId, input.Name, id, ct)) return false;
            var before = VideoToolInput.Snapshot(tool);
            input.ApplyTo(tool);
            var (changedBefore, changedAfter) = AuditTrail.Changes(before, VideoToolInput.Snapshot(tool));
            if (changedAfter.Count == 0) return true;
            var action = changedAfter.TryGetValue("IsActive", out var active) && changedAfter.Count == 1
                ? (active is true ? AuditAction.Reactivate : AuditAction.Deactivate)
                : AuditAction.Update;
            AuditTrail.Record(db, actorId, clock.GetUtcNow(), AuditArea.VideoTools, action, id.ToString(), tool.DepartmentId, changedBefore, changedAfter);
            await db.SaveChangesAsync(ct);
            return true;
        }

        public async Task<bool> DeleteAsync(Guid id, Guid actorId, CancellationToken ct)
        {
            var tool = await db.VideoTools.FirstOrDefaultAsync(t => t.Id == id, ct);
            if (tool is null || !await gate.AllowsAsync(tool.DepartmentId, Operations.Edit)) return false;
            AuditTrail.Record(db, actorId, clock.GetUtcNow(), AuditArea.VideoTools, AuditAction.Delete, id.ToString(), tool.DepartmentId,
                VideoToolInput.Snapshot(tool), null);
            db.VideoTools.Remove(tool);
            await db.SaveChangesAsync(ct);
            return true;
        }
    }
}
