using System.Globalization;
using System.Text;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Domain.Directory;

/// <summary>
/// A resource or partner of a department's shared directory (issue 17): a service a worker orients a person to.
/// Never deleted: an inactive entry leaves the search but keeps the history of who was oriented there.
/// </summary>
public sealed class Resource : IDepartmentScoped
{
    public const int NameMaxLength = 150;
    public const int TextMaxLength = 1000;
    public const int ShortMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int DepartmentId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Theme names, from <see cref="DirectoryThemes.Defaults"/> or the department's own.</summary>
    public List<string> Themes { get; set; } = [];
    public string Offer { get; set; } = "";
    public string? ForWhom { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
    public string? PostalCode { get; set; }
    public string? Commune { get; set; }
    /// <summary>The commune without case nor accents, for search and "nearest".</summary>
    public string? CommuneKey { get; set; }
    public string? OpeningHours { get; set; }
    public string? Website { get; set; }
    public string? Languages { get; set; }
    /// <summary>The easy-to-read (FALC) description: short sentences, for the person.</summary>
    public string? EasyToRead { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }

    public void SetCommune(string? commune)
    {
        Commune = string.IsNullOrWhiteSpace(commune) ? null : commune.Trim();
        CommuneKey = DirectoryText.Key(Commune);
    }

    public bool OffersDigitalHelp => Themes.Contains(DirectoryThemes.Digital);

    /// <summary>
    /// The contact card sent to the person: name, what it offers, how to reach it. For an SMS, only the contact lines
    /// (a text shows on a locked screen: the person's situation never appears, only the service's own name and details).
    /// </summary>
    public string Card(bool shortForm)
    {
        var lines = new List<string?> { Name };
        if (!shortForm) lines.Add(string.IsNullOrWhiteSpace(EasyToRead) ? Offer : EasyToRead);
        lines.Add(Phone is null ? null : "Tél. " + Phone);
        lines.Add(JoinAddress());
        lines.Add(OpeningHours is null ? null : (shortForm ? "" : "Horaires : ") + OpeningHours);
        if (!shortForm) lines.Add(Email);
        lines.Add(Website);
        return string.Join("\n", lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!.Trim()));
    }

    private string? JoinAddress()
    {
        var city = string.Join(" ", new[] { PostalCode, Commune }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var all = string.Join(", ", new[] { Address, city }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return all.Length == 0 ? null : all;
    }
}

/// <summary>A theme an administrator added to the department's directory, beyond the default list.</summary>
public sealed class DirectoryTheme : IDepartmentScoped
{
    public const int NameMaxLength = 60;
    public int Id { get; set; }
    public int DepartmentId { get; set; }
    public string Name { get; set; } = "";
}

public static class DirectoryThemes
{
    public const string Digital = "Apprendre le numérique et accès à internet";

    /// <summary>The themes the field guide asks teams to build their resources by.</summary>
    public static readonly string[] Defaults =
    [
        "Santé et santé mentale",
        "Soutien à la parentalité",
        Digital,
        "Aide administrative",
        "Aide alimentaire",
        "Lignes d'écoute gratuites",
        "Addictions",
        "Deuil",
        "Soutien professionnel",
    ];

    /// <summary>The default themes then the department's own, without duplicates.</summary>
    public static IReadOnlyList<string> For(IEnumerable<string> departmentThemes) =>
        Defaults.Concat(departmentThemes.Where(t => !Defaults.Contains(t, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), true)))
            .ToList();

    public static RuleResult MayAdd(string name, IEnumerable<string> existing)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0) return RuleResult.Refuse("Donnez un nom au thème.");
        return Defaults.Concat(existing).Any(t => DirectoryText.Key(t) == DirectoryText.Key(trimmed))
            ? RuleResult.Refuse("Ce thème existe déjà.")
            : RuleResult.Ok;
    }
}

public static class DirectoryText
{
    /// <summary>Upper case without accents nor extra spaces: « Saint-Brieuc », « SAINT BRIEUC » and « saint-brieuc » match.</summary>
    public static string? Key(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        var decomposed = s.Trim().Normalize(NormalizationForm.FormD);
        var b = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c is '-' or '\'' or '’' || char.IsWhiteSpace(c))
            {
                if (!space && b.Length > 0) b.Append(' ');
                space = true;
                continue;
            }
            space = false;
            b.Append(char.ToUpperInvariant(c));
        }
        return b.ToString().TrimEnd();
    }

    /// <summary>The French postcode's department prefix (two characters: 56, 29, 2A…).</summary>
    public static string? PostcodePrefix(string? postalCode)
    {
        var p = postalCode?.Trim();
        return p is { Length: >= 2 } ? p[..2] : null;
    }
}

/// <summary>
/// Digital inclusion (issue 17, point 5): who needs the directory's digital-help places, and which are the nearest.
/// </summary>
public static class DigitalInclusion
{
    /// <summary>No autonomy with digital tools, no device, no connection, or digital support given as a reason for remote follow-up.</summary>
    public static bool NeedsHelp(AccompaniedPerson p) =>
        p.DigitalSkills == DigitalSkills.None
        || !p.HasInternetAccess
        || (!p.HasSmartphone && !p.HasComputer)
        || p.RemoteReasons.Contains(RemoteReason.NeedsDigitalSupport);

    /// <summary>0 = the person's own commune, 1 = the same postcode department prefix, 2 = elsewhere in the department.</summary>
    public static int Distance(string? personCommune, string? personPostalCode, string? resourceCommuneKey, string? resourcePostalCode)
    {
        var commune = DirectoryText.Key(personCommune);
        if (commune is not null && commune == resourceCommuneKey) return 0;
        var prefix = DirectoryText.PostcodePrefix(personPostalCode);
        if (prefix is not null && prefix == DirectoryText.PostcodePrefix(resourcePostalCode)) return 1;
        return 2;
    }
}

/// <summary>
/// An easy-to-read (FALC) guide for the public, for one interview modality and, for video, one approved tool:
/// short sentences, one step per line, a phone number for help. Included in the invitation e-mail of an interview that uses it.
/// </summary>
public sealed class PublicGuide : IDepartmentScoped
{
    public const int TitleMaxLength = 120;
    public const int StepsMaxLength = 3000;
    public const int StepMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int DepartmentId { get; set; }
    public Modality Modality { get; set; }
    /// <summary>Null: the guide of the modality; for video, a tool's own guide comes first.</summary>
    public Guid? VideoToolId { get; set; }
    public string Title { get; set; } = "";
    /// <summary>One step per line.</summary>
    public string Steps { get; set; } = "";
    public string HelpPhone { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }

    public IReadOnlyList<string> StepLines => Steps.ReplaceLineEndings("\n").Split('\n').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    /// <summary>The guide as plain text for an e-mail: the title, one step per line, the number for help.</summary>
    public string AsText() =>
        Title + "\n" + string.Join("\n", StepLines.Select((s, i) => $"{i + 1}. {s}")) + "\n" + $"Besoin d'aide ? Appelez le {HelpPhone}.";

    /// <summary>Easy-to-read checks: short steps (one idea per line), at least one step, a number for help.</summary>
    public static RuleResult Check(string steps, string helpPhone)
    {
        var lines = steps.ReplaceLineEndings("\n").Split('\n').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        if (lines.Count == 0) return RuleResult.Refuse("Écrivez au moins une étape.");
        if (lines.Count > 15) return RuleResult.Refuse("Un guide facile à lire tient en 15 étapes au plus.");
        var longest = lines.FirstOrDefault(l => l.Length > StepMaxLength / 2);
        if (longest is not null)
            return RuleResult.Refuse($"Une étape fait plus de 100 caractères : coupez-la en phrases courtes, une par ligne (« {longest[..40]}… »).");
        if (string.IsNullOrWhiteSpace(helpPhone)) return RuleResult.Refuse("Indiquez un numéro de téléphone pour l'aide.");
        return RuleResult.Ok;
    }

    /// <summary>The guide for an interview: the tool's own guide for video, otherwise the modality's.</summary>
    public static PublicGuide? For(IEnumerable<PublicGuide> guides, Modality modality, Guid? videoToolId)
    {
        var list = guides.Where(g => g.Modality == modality).ToList();
        return (videoToolId is { } tool ? list.FirstOrDefault(g => g.VideoToolId == tool) : null)
            ?? list.FirstOrDefault(g => g.VideoToolId is null);
    }
}
