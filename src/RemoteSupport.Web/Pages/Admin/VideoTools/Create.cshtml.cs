using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Web.Authorization;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Admin.VideoTools;

public sealed class Create(Create.Handler handler) : AdminPageModel
{
    [BindProperty] public VideoToolInput Input { get; set; } = new();
    public string DepartmentName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int departmentId, CancellationToken ct)
    {
        var name = await handler.DepartmentNameAsync(departmentId, ct);
        if (name is null) return NotFound();
        DepartmentName = name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int departmentId, CancellationToken ct)
    {
        var name = await handler.DepartmentNameAsync(departmentId, ct);
        if (name is null) return NotFound();
        DepartmentName = name;
        if (!ModelState.IsValid) return Page();
        if (!await handler.HandleAsync(departmentId, Input, User.RequiredUserId(), ct)) return this.PageWithError(VideoToolInput.NameTaken, "Input.Name");
        TempData["flash"] = "L'outil de visioconférence a été ajouté.";
        return RedirectToPage("Index");
    }

    public sealed class Handler(AppDbContext db, AdminGate gate, TimeProvider clock)
    {
        // The department table has no query filter: only the administrator's departments are found.
        public async Task<string?> DepartmentNameAsync(int departmentId, CancellationToken ct) =>
            await gate.AllowsAsync(departmentId, Operations.View)
                ? await db.ScopedDepartments().Where(d => d.Id == departmentId).Select(d => d.Code + " – " + d.Name).FirstOrDefaultAsync(ct)
                : null;

        /// <returns>False when a tool of the department already has this name.</returns>
        public async Task<bool> HandleAsync(int departmentId, VideoToolInput input, Guid actorId, CancellationToken ct)
        {
            // Checked here too: this handler writes, whatever page called it.
            if (!await gate.AllowsAsync(departmentId, Operations.Edit)) return false;
            if (await VideoToolInput.NameTakenAsync(db, departmentId, input.Name, null, ct)) return false;
            var tool = new VideoTool { DepartmentId = departmentId };
            input.ApplyTo(tool);
            db.VideoTools.Add(tool);
            AuditTrail.Record(db, actorId, clock.GetUtcNow(), AuditArea.VideoTools, AuditAction.Create, tool.Id.ToString(), departmentId,
                null, VideoToolInput.Snapshot(tool));
            await db.SaveChangesAsync(ct);
            return true;
        }
    }
}
