using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Groups;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Groups;

/// <summary>The session form, as typed: planning a session and changing it share it.</summary>
public sealed class SessionInput
{
    public const string DefaultSpeakingRules =
        "Chacun dit son prénom avant de parler et attend que l'autre ait fini.\n"
        + "On coupe son micro quand on ne parle pas.\n"
        + "Ce qui se dit dans le groupe reste dans le groupe.";

    public string? Theme { get; set; }
    public string? Date { get; set; }
    public string? Time { get; set; }
    public int? DurationMinutes { get; set; } = 60;
    public Modality? Modality { get; set; } = Domain.Common.Modality.Video;
    public Guid? ToolId { get; set; }
    public string? JoinDetails { get; set; }
    public int? Capacity { get; set; } = GroupRules.RecommendedMaxParticipants;
    public string? Agenda { get; set; }
    public string? SpeakingRules { get; set; } = DefaultSpeakingRules;
    public Guid? FacilitatorId { get; set; }
    public Guid? NoteTakerId { get; set; }
    public Guid? TechnicalHelperWorkerId { get; set; }

    public DateTimeOffset At => LocalDateTime.ToUtc(DateOnly.Parse(Date!, CultureInfo.InvariantCulture), TimeOnly.Parse(Time!, CultureInfo.InvariantCulture));

    /// <summary>Call only on validated input.</summary>
    public GroupSessionDetails ToDetails() => new(Theme ?? "", At, DurationMinutes!.Value, Modality!.Value, ToolId, JoinDetails, Capacity!.Value,
        Agenda ?? "", SpeakingRules, FacilitatorId!.Value, NoteTakerId, TechnicalHelperWorkerId);

    public static SessionInput From(GroupSession s) => new()
    {
        Theme = s.Theme,
        Date = LocalDateTime.DateText(DateOnly.FromDateTime(FrenchTime.ToLocal(s.ScheduledAt))),
        Time = LocalDateTime.TimeText(TimeOnly.FromDateTime(FrenchTime.ToLocal(s.ScheduledAt))),
        DurationMinutes = s.DurationMinutes,
        Modality = s.Modality,
        ToolId = s.ToolId,
        JoinDetails = s.JoinDetails,
        Capacity = s.Capacity,
        Agenda = s.Agenda,
        SpeakingRules = s.SpeakingRules,
        FacilitatorId = s.FacilitatorId,
        NoteTakerId = s.NoteTakerId,
        TechnicalHelperWorkerId = s.TechnicalHelperWorkerId,
    };

    public sealed class Validator : AbstractValidator<SessionInput>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Theme).FreeText("Le thème", GroupRules.ThemeMaxLength, required: "Indiquez le thème de la séance.");
            this.AddSlotRules(c => c.Date, c => c.Time, clock);
            RuleFor(c => c.DurationMinutes).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Indiquez la durée, en minutes.")
                .Must(d => GroupRules.CheckDuration(d!.Value).Allowed).WithMessage(GroupRules.CheckDuration(0).Reason);
            RuleFor(c => c.Modality).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Choisissez la modalité de la séance.")
                .Must(m => ModalityText.GroupModalities.Contains(m!.Value)).WithMessage("Une séance de groupe se tient en visioconférence ou en audioconférence.");
            RuleFor(c => c.ToolId).NotNull().WithMessage("Choisissez l'outil approuvé par le département pour la séance.");
            RuleFor(c => c.JoinDetails).FreeText("Le moyen de rejoindre", GroupRules.JoinDetailsMaxLength);
            RuleFor(c => c.Capacity).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Indiquez le nombre de places.")
                .GreaterThanOrEqualTo(GroupRules.MinCapacity).WithMessage($"Une séance de groupe réunit au moins {GroupRules.MinCapacity} personnes.");
            RuleFor(c => c.Agenda).FreeText("L'ordre du jour", GroupRules.AgendaMaxLength, required: "Écrivez l'ordre du jour : il est envoyé aux participants avec l'invitation.");
            RuleFor(c => c.SpeakingRules).FreeText("Les règles de parole", GroupRules.SpeakingRulesMaxLength, plural: true);
            RuleFor(c => c.FacilitatorId).NotNull().WithMessage("Choisissez qui anime la séance.");
        }
    }
}

/// <summary>The choices of the session form: the department's approved tools and workers, and its participant limit.</summary>
public sealed record SessionOptions(int DepartmentId, int DepartmentMax, IReadOnlyList<SessionOptions.Option> Tools, IReadOnlyList<SessionOptions.Option> Workers)
{
    public sealed record Option(Guid Id, string Name, string? Note = null);

    public static async Task<SessionOptions?> LoadAsync(AppDbContext db, int departmentId, CancellationToken ct)
    {
        var max = await db.Departments.AsNoTracking().Where(d => d.Id == departmentId).Select(d => (int?)d.GroupMaxParticipants).FirstOrDefaultAsync(ct);
        if (max is null) return null;
        var tools = await db.VideoTools.AsNoTracking().Where(t => t.DepartmentId == departmentId && t.IsActive).OrderBy(t => t.Name)
            .Select(t => new Option(t.Id, t.Name, t.PrivacyNote)).ToListAsync(ct);
        var roles = await db.Roles.Where(r => r.Name == Roles.SocialWorker || r.Name == Roles.TeamLead).Select(r => r.Id).ToListAsync(ct);
        var workers = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.DepartmentId == departmentId && db.UserRoles.Any(ur => ur.UserId == u.Id && roles.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName).Select(u => new Option(u.Id, u.DisplayName)).ToListAsync(ct);
        return new SessionOptions(departmentId, max.Value, tools, workers);
    }

    /// <summary>The choices that are not the department's (a tampered form) become the fields' French messages.</summary>
    public IEnumerable<(string Field, string Message)> Refusals(SessionInput input)
    {
        if (input.ToolId is { } tool && Tools.All(t => t.Id != tool))
            yield return (nameof(SessionInput.ToolId), "Choisissez un outil parmi ceux que le département a approuvés.");
        if (input.Capacity is { } capacity && GroupRules.CheckCapacity(capacity, DepartmentMax) is { Allowed: false } refused)
            yield return (nameof(SessionInput.Capacity), refused.Reason!);
        foreach (var (field, id) in new[] { (nameof(SessionInput.FacilitatorId), input.FacilitatorId), (nameof(SessionInput.NoteTakerId), input.NoteTakerId),
                     (nameof(SessionInput.TechnicalHelperWorkerId), input.TechnicalHelperWorkerId) })
            if (id is { } worker && Workers.All(w => w.Id != worker))
                yield return (field, "Choisissez un travailleur du département.");
    }
}

public static class GroupUser
{
    /// <summary>The department a worker plans group sessions in: their own (the first they cover).</summary>
    public static int? PlanningDepartment(this ClaimsPrincipal user) => user.DepartmentIds() is { Length: > 0 } ids ? ids[0] : null;
}
