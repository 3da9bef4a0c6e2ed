using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Directory;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Directory;

/// <summary>The department's directory of resources and partners, searched by theme, words and commune.</summary>
public sealed class Index(Index.Handler handler) : PageModel
{
    [BindProperty(SupportsGet = true)] public Query Search { get; set; } = new();
    public Handler.Result Found { get; private set; } = default!;
    public bool MayEdit { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        MayEdit = DirectoryAccess.MayEdit(User);
        Found = await handler.HandleAsync(ModelState.IsValid ? Search : new Query(), MayEdit, ct);
    }

    public sealed class Query
    {
        public string? Theme { get; set; }
        public string? Words { get; set; }
        public string? Commune { get; set; }
        /// <summary>Editors may list inactive entries too.</summary>
        public bool Inactive { get; set; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Words).FreeText("La recherche", 100);
            RuleFor(q => q.Commune).FreeText("La commune", 100);
            RuleFor(q => q.Theme).MaximumLength(DirectoryTheme.NameMaxLength).WithMessage("Choisissez un thème de la liste.");
        }
    }

    public sealed class Handler(AppDbContext db)
    {
        public const int Limit = 100;

        public sealed record Row(Guid Id, string Name, IReadOnlyList<string> Themes, string Offer, string? ForWhom, string? Phone,
            string? Commune, string? OpeningHours, string? Languages, bool IsActive);

        public sealed record Result(IReadOnlyList<string> Themes, IReadOnlyList<Row> Rows, int Total);

        public async Task<Result> HandleAsync(Query q, bool mayEdit, CancellationToken ct)
        {
            var themes = await DirectoryAccess.ThemesAsync(db, db.AllowedDepartmentIds, ct);
            // The global query filter keeps the user's departments only.
            var query = db.Resources.AsNoTracking();
            if (!(mayEdit && q.Inactive)) query = query.Where(r => r.IsActive);
            if (!string.IsNullOrWhiteSpace(q.Theme)) query = query.Where(r => r.Themes.Contains(q.Theme));
            if (DirectoryText.Key(q.Commune) is { } commune) query = query.Where(r => r.CommuneKey == commune);
            if (!string.IsNullOrWhiteSpace(q.Words))
            {
                foreach (var word in q.Words.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(5))
                {
                    var pattern = "%" + word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
                    query = query.Where(r => EF.Functions.ILike(r.Name, pattern) || EF.Functions.ILike(r.Offer, pattern)
                        || (r.ForWhom != null && EF.Functions.ILike(r.ForWhom, pattern)) || (r.EasyToRead != null && EF.Functions.ILike(r.EasyToRead, pattern))
                        || (r.Commune != null && EF.Functions.ILike(r.Commune, pattern)));
                }
            }
            var rows = await query.OrderByDescending(r => r.IsActive).ThenBy(r => r.Name).Take(Limit)
                .Select(r => new Row(r.Id, r.Name, r.Themes, r.Offer, r.ForWhom, r.Phone, r.Commune, r.OpeningHours, r.Languages, r.IsActive))
                .ToListAsync(ct);
            // The database's collation does not sort French: the page is put in French order (accents ignored first).
            var french = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true);
            rows = [.. rows.OrderByDescending(r => r.IsActive).ThenBy(r => r.Name, french)];
            var total = rows.Count < Limit ? rows.Count : await query.CountAsync(ct);
            return new Result(themes, rows, total);
        }
    }
}
