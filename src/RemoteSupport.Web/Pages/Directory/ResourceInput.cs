using FluentValidation;
using RemoteSupport.Domain.Directory;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Directory;

/// <summary>The fields of a directory entry, for creation and edition.</summary>
public sealed class ResourceInput
{
    public int? DepartmentId { get; set; }
    public string? Name { get; set; }
    public List<string> Themes { get; set; } = [];
    public string? Offer { get; set; }
    public string? ForWhom { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
    public string? PostalCode { get; set; }
    public string? Commune { get; set; }
    public string? OpeningHours { get; set; }
    public string? Website { get; set; }
    public string? Languages { get; set; }
    public string? EasyToRead { get; set; }
    public bool IsActive { get; set; } = true;

    public static ResourceInput From(Resource r) => new()
    {
        DepartmentId = r.DepartmentId, Name = r.Name, Themes = [.. r.Themes], Offer = r.Offer, ForWhom = r.ForWhom, Phone = r.Phone, Email = r.Email,
        Address = r.Address, PostalCode = r.PostalCode, Commune = r.Commune, OpeningHours = r.OpeningHours, Website = r.Website,
        Languages = r.Languages, EasyToRead = r.EasyToRead, IsActive = r.IsActive,
    };

    public void ApplyTo(Resource r, DateTimeOffset now)
    {
        r.Name = Name!.Trim();
        r.Themes = Themes.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToList();
        r.Offer = Offer!.Trim();
        r.ForWhom = Clean(ForWhom);
        r.Phone = Clean(Phone);
        r.Email = Clean(Email);
        r.Address = Clean(Address);
        r.PostalCode = Clean(PostalCode);
        r.SetCommune(Commune);
        r.OpeningHours = Clean(OpeningHours);
        r.Website = Clean(Website);
        r.Languages = Clean(Languages);
        r.EasyToRead = Clean(EasyToRead);
        r.IsActive = IsActive;
        r.UpdatedAt = now;
    }

    public static Dictionary<string, object?> Snapshot(Resource r) => new()
    {
        ["Name"] = r.Name, ["Themes"] = string.Join(", ", r.Themes), ["Offer"] = r.Offer, ["ForWhom"] = r.ForWhom, ["Phone"] = r.Phone,
        ["Email"] = r.Email, ["Address"] = r.Address, ["PostalCode"] = r.PostalCode, ["Commune"] = r.Commune, ["OpeningHours"] = r.OpeningHours,
        ["Website"] = r.Website, ["Languages"] = r.Languages, ["EasyToRead"] = r.EasyToRead, ["IsActive"] = r.IsActive,
    };

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public sealed class Validator : AbstractValidator<ResourceInput>
    {
        public Validator()
        {
            RuleFor(i => i.Name).FreeText("Le nom", Resource.NameMaxLength, required: "Indiquez le nom de la ressource.");
            RuleFor(i => i.Themes).Must(t => t.Any(x => !string.IsNullOrWhiteSpace(x))).WithMessage("Choisissez au moins un thème.")
                .Must(t => t.All(x => x is null || x.Length <= DirectoryTheme.NameMaxLength)).WithMessage("Choisissez les thèmes dans la liste.");
            RuleFor(i => i.Offer).FreeText("Ce texte", Resource.TextMaxLength, required: "Dites ce que propose la ressource.");
            RuleFor(i => i.EasyToRead).FreeText("Ce texte", Resource.TextMaxLength);
            RuleFor(i => i.ForWhom).FreeText("« Pour qui »", Resource.ShortMaxLength);
            RuleFor(i => i.Address).FreeText("L'adresse", Resource.ShortMaxLength);
            RuleFor(i => i.Commune).FreeText("La commune", 100);
            RuleFor(i => i.OpeningHours).FreeText("Les horaires", Resource.ShortMaxLength, plural: true);
            RuleFor(i => i.Languages).FreeText("Les langues", Resource.ShortMaxLength, plural: true);
            RuleFor(i => i.Phone).Matches(@"^\+?[0-9 .\-]{4,20}$").When(i => !string.IsNullOrWhiteSpace(i.Phone))
                .WithMessage("Le téléphone s'écrit en chiffres, par exemple 01 99 00 12 34.");
            RuleFor(i => i.Email).EmailAddress().MaximumLength(254).When(i => !string.IsNullOrWhiteSpace(i.Email))
                .WithMessage("L'adresse e-mail n'est pas valide, par exemple accueil@exemple.test.");
            RuleFor(i => i.PostalCode).Matches(@"^[0-9][0-9AB][0-9]{3}$").When(i => !string.IsNullOrWhiteSpace(i.PostalCode))
                .WithMessage("Le code postal a 5 chiffres, par exemple 56000.");
            RuleFor(i => i.Website).Must(w => Uri.TryCreate(w!.Trim(), UriKind.Absolute, out var u) && u.Scheme is "https" or "http" && w.Length <= 300)
                .When(i => !string.IsNullOrWhiteSpace(i.Website))
                .WithMessage("Le site commence par https://, par exemple https://exemple.test.");
            RuleFor(i => i).Must(i => !string.IsNullOrWhiteSpace(i.Phone) || !string.IsNullOrWhiteSpace(i.Email) || !string.IsNullOrWhiteSpace(i.Address)
                    || !string.IsNullOrWhiteSpace(i.Website))
                .WithName("Phone").OverridePropertyName("Phone")
                .WithMessage("Donnez au moins un moyen de joindre la ressource : téléphone, e-mail, adresse ou site.");
        }
    }
}
