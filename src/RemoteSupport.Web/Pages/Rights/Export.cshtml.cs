using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Pages.Rights;

/// <summary>
/// The copy of everything stored about a person (droit d'accès): a printable page or a JSON file. Who may hand it over
/// is the department's setting; each copy is journaled in the person's file, traced in the access journal and audited.
/// </summary>
public sealed class Export(Export.Handler handler) : PageModel
{
    [BindProperty] public bool IncludePrivateNotes { get; set; }
    public string PersonName { get; private set; } = "";
    public Guid PersonId { get; private set; }
    public SubjectAccessFile? Copy { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var name = await handler.NameAsync(id, User, ct);
        if (name is null) return NotFound();
        (PersonId, PersonName) = (id, name);
        return Page();
    }

    /// <summary>The printable copy, in this page (the print stylesheet leaves only the document).</summary>
    public async Task<IActionResult> OnPostPrintAsync(Guid id, CancellationToken ct)
    {
        var file = await handler.HandleAsync(id, Handler.Format.Print, IncludePrivateNotes, User, ct);
        if (file is null) return NotFound();
        (PersonId, PersonName, Copy) = (id, file.Person, file);
        return Page();
    }

    public async Task<IActionResult> OnPostJsonAsync(Guid id, CancellationToken ct)
    {
        var file = await handler.HandleAsync(id, Handler.Format.Json, IncludePrivateNotes, User, ct);
        if (file is null) return NotFound();
        return File(SubjectAccessExport.ToJson(file), "application/json", $"donnees-{id:N}.json");
    }

    public sealed class Handler(AppDbContext db, RightsGate rights, SubjectAccessExport export, TimeProvider clock)
    {
        public enum Format { Print, Json }

        public async Task<string?> NameAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await rights.MayExportAsync(user, id, ct) is null) return null;
            return await db.Persons.Where(p => p.Id == id).Select(p => p.FirstName + " " + p.LastName).FirstAsync(ct);
        }

        public async Task<SubjectAccessFile?> HandleAsync(Guid id, Format format, bool includePrivateNotes, ClaimsPrincipal user, CancellationToken ct)
        {
            if (await rights.MayExportAsync(user, id, ct) is not { } allowed) return null;
            var person = allowed.Person;
            var now = clock.GetUtcNow();
            var file = await export.BuildAsync(person, includePrivateNotes, now, ct);
            var actor = user.RequiredUserId();
            var how = format == Format.Print ? "version imprimable" : "fichier JSON";
            var notes = includePrivateNotes ? "notes privées jointes" : "sans les notes privées";
            db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, person.Id, actor, now, ActivityKind.SubjectAccessExported,
                $"Copie des données établie ({how}, {notes})."));
            // The file was read to build the copy: traced at once, whatever happens to the save below.
            await rights.TraceAccessAsync(user, person, AccessPages.Export, ct);
            AuditTrail.Record(db, actor, now, AuditArea.SubjectAccess, AuditAction.Export, person.Id.ToString(), person.DepartmentId,
                null, new() { ["Format"] = format.ToString(), ["PrivateNotes"] = includePrivateNotes });
            await db.SaveChangesAsync(ct);
            return file;
        }
    }
}
