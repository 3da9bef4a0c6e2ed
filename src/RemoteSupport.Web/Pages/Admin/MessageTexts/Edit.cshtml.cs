using RemoteSupport.Domain.Activity;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;
using RemoteSupport.Web.Messaging;

namespace RemoteSupport.Web.Pages.Admin.MessageTexts;

/// <summary>
/// Edits one text (department × purpose × channel): the placeholders are checked (an unknown one is refused in French,
/// and an SMS cannot carry the sensitive ones), a preview renders it for a demo person, an SMS shows its length and
/// number of segments. Every change is audited.
/// </summary>
public sealed class Edit(Edit.Handler handler) : AdminPageModel
{
    [BindProperty] public Command Input { get; set; } = new();
    public Handler.TextView Text { get; private set; } = default!;
    public ComposedMessage? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(int departmentId, MessagePurpose purpose, MessageChannel channel, CancellationToken ct)
    {
        var text = BadRoute() ? null : await handler.LoadAsync(departmentId, purpose, channel, ct);
        if (text is null) return NotFound();
        Text = text;
        Input = new Command { Subject = text.Subject, Body = text.Body };
        Preview = Handler.Render(Text, Input);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int departmentId, MessagePurpose purpose, MessageChannel channel, CancellationToken ct)
    {
        var text = BadRoute() ? null : await handler.LoadAsync(departmentId, purpose, channel, ct);
        if (text is null) return NotFound();
        Text = text;
        if (!Check()) return Page();
        await handler.SaveAsync(text, Input, User.RequiredUserId(), ct);
        TempData["flash"] = "Le texte est enregistré : il vaut pour les messages préparés à partir de maintenant.";
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostPreviewAsync(int departmentId, MessagePurpose purpose, MessageChannel channel, CancellationToken ct)
    {
        var text = BadRoute() ? null : await handler.LoadAsync(departmentId, purpose, channel, ct);
        if (text is null) return NotFound();
        Text = text;
        if (Check()) Preview = Handler.Render(Text, Input);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(int departmentId, MessagePurpose purpose, MessageChannel channel, CancellationToken ct)
    {
        var text = BadRoute() ? null : await handler.LoadAsync(departmentId, purpose, channel, ct);
        if (text is null) return NotFound();
        await handler.ResetAsync(text, User.RequiredUserId(), ct);
        TempData["flash"] = "Le texte par défaut s'applique de nouveau.";
        return RedirectToPage("Index");
    }

    /// <summary>A purpose or channel in the address that is none of ours (it would bind as the first value): 404.</summary>
    private bool BadRoute() =>
        ModelState.GetFieldValidationState("purpose") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
        || ModelState.GetFieldValidationState("channel") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid;

    /// <summary>The placeholder rules of the domain, shown next to their field.</summary>
    private bool Check()
    {
        if (!ModelState.IsValid) return false;
        foreach (var e in MessageTemplates.Check(Input.Subject, Text.Channel)) ModelState.AddModelError("Input.Subject", e);
        foreach (var e in MessageTemplates.Check(Input.Body, Text.Channel)) ModelState.AddModelError("Input.Body", e);
        return ModelState.IsValid;
    }

    public sealed class Command
    {
        public string? Subject { get; set; }
        public string? Body { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Subject).Cascade(CascadeMode.Stop)
                .MaximumLength(MessageTemplate.SubjectMaxLength).WithMessage("L'objet ne peut pas dépasser 200 caractères.")
                .Must(s => s is null || !s.Contains('\n')).WithMessage("L'objet tient sur une ligne.")
                .Must(TextRules.HasNoControl).WithMessage("L'objet contient des caractères non autorisés.");
            RuleFor(c => c.Body).FreeText("Le texte", MessageTemplate.BodyMaxLength, required: "Écrivez le texte du message.");
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser currentUser, TimeProvider clock)
    {
        public sealed record TextView(int DepartmentId, string DepartmentName, MessagePurpose Purpose, MessageChannel Channel, bool Custom,
            string? Subject, string Body)
        {
            public string Title => $"{Purpose.French()} par {Channel.French()}";
        }

        public async Task<TextView?> LoadAsync(int departmentId, MessagePurpose purpose, MessageChannel channel, CancellationToken ct)
        {
            // Another department, a value that is no purpose or channel, or a text never sent (the notice by SMS): the same 404.
            if (!currentUser.DepartmentIds.Contains(departmentId) || !Enum.IsDefined(purpose) || !Enum.IsDefined(channel)
                || !MessageTemplates.IsUsed(purpose, channel)) return null;
            var name = await db.Departments.AsNoTracking().Where(d => d.Id == departmentId).Select(d => d.Code + " – " + d.Name).FirstOrDefaultAsync(ct);
            if (name is null) return null;
            var custom = await db.MessageTemplates.AsNoTracking()
                .FirstOrDefaultAsync(t => t.DepartmentId == departmentId && t.Purpose == purpose && t.Channel == channel, ct);
            var (subject, body) = custom is null ? MessageTemplates.Default(purpose, channel) : (custom.Subject, custom.Body);
            return new TextView(departmentId, name, purpose, channel, custom is not null, channel == MessageChannel.Sms ? null : subject, body);
        }

        public async Task SaveAsync(TextView text, Command input, Guid actorId, CancellationToken ct)
        {
            var template = await db.MessageTemplates
                .FirstOrDefaultAsync(t => t.DepartmentId == text.DepartmentId && t.Purpose == text.Purpose && t.Channel == text.Channel, ct);
            var subject = text.Channel == MessageChannel.Sms || string.IsNullOrWhiteSpace(input.Subject) ? null : input.Subject.Trim();
            var body = input.Body!.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            var before = new Dictionary<string, object?> { ["Subject"] = text.Subject, ["Body"] = text.Body };
            var after = new Dictionary<string, object?> { ["Subject"] = subject, ["Body"] = body };
            var (changedBefore, changedAfter) = AuditTrail.Changes(before, after);
            if (changedAfter.Count == 0) return;
            var now = clock.GetUtcNow();
            if (template is null)
                db.MessageTemplates.Add(template = new MessageTemplate { DepartmentId = text.DepartmentId, Purpose = text.Purpose, Channel = text.Channel });
            template.Subject = subject;
            template.Body = body;
            template.UpdatedAt = now;
            template.UpdatedById = actorId;
            AuditTrail.Record(db, actorId, now, AuditArea.MessageTexts, AuditAction.Update,
                $"{text.DepartmentId}/{text.Purpose}/{text.Channel}", text.DepartmentId, changedBefore, changedAfter);
            await db.SaveChangesAsync(ct);
        }

        public async Task ResetAsync(TextView text, Guid actorId, CancellationToken ct)
        {
            var template = await db.MessageTemplates
                .FirstOrDefaultAsync(t => t.DepartmentId == text.DepartmentId && t.Purpose == text.Purpose && t.Channel == text.Channel, ct);
            if (template is null) return;
            AuditTrail.Record(db, actorId, clock.GetUtcNow(), AuditArea.MessageTexts, AuditAction.Delete,
                $"{text.DepartmentId}/{text.Purpose}/{text.Channel}", text.DepartmentId,
                new() { ["Subject"] = template.Subject, ["Body"] = template.Body }, null);
            db.MessageTemplates.Remove(template);
            await db.SaveChangesAsync(ct);
        }

        /// <summary>The text filled for a demo person: Camille, a video interview next Tuesday at 14:30, one other participant.</summary>
        public static ComposedMessage Render(TextView text, Command input)
        {
            var at = FrenchTime.FromLocal(new DateTime(2026, 12, 1, 14, 30, 0));
            var values = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["prenom"] = "Camille",
                ["date"] = MessageComposer.DateText(at),
                ["heure"] = MessageComposer.TimeText(at),
                ["modalite"] = "visioconférence, avec l'outil Visio du département",
                ["duree"] = MessageComposer.DurationText(45),
                ["connexion"] = $"Faites un essai de connexion à {MessageComposer.TimeText(at.AddMinutes(-15))}, 15 minutes avant le début.\nPour rejoindre : le lien donné par votre travailleur social.",
                ["objectifs"] = "Nous parlerons de : votre demande d'aide au logement.",
                ["participants"] = "Nous serons 3 : vous, moi et une autre personne.",
                ["numero_secours"] = "02 97 00 00 00",
                ["plan_b"] = "Plan B : si la connexion coupe, nous continuons par téléphone.",
                ["guide"] = MessageTemplates.Default(MessagePurpose.Guide, MessageChannel.Email).Body,
                ["confidentialite"] = "Confidentialité de l'outil Visio du département : hébergé en France, sans enregistrement.",
                ["travailleur"] = "Léa Exemple",
                ["contact_travailleur"] = "Léa Exemple\nlea.exemple@departement.test\n02 97 00 00 00",
                ["service"] = $"Conseil départemental — {text.DepartmentName}",
                ["ancienne_date"] = $"{MessageComposer.DateText(at.AddDays(-1))} à 10h00",
                ["message"] = "Pouvez-vous me rappeler quand vous aurez reçu le courrier ?",
                ["theme"] = "Faire le point sur son budget",
                ["ordre_du_jour"] = "1. Tour de présentation\n2. Les dépenses du mois\n3. Questions et suites",
                ["regles"] = "Règles de parole :\nOn attend son tour, on coupe son micro quand on ne parle pas.",
                ["pause"] = $"Une pause de 10 minutes est prévue à {MessageComposer.TimeText(at.AddMinutes(40))}.",
            };
            return MessageComposer.Compose((input.Subject, input.Body ?? ""), text.Channel, values, null, text.Purpose, null);
        }
    }
}
