using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Checklists;

public enum ChecklistPhase { Before, During, After }

public static class ChecklistText
{
    public static string French(this ChecklistPhase p) => p switch
    {
        ChecklistPhase.Before => "Avant",
        ChecklistPhase.During => "Pendant",
        ChecklistPhase.After => "Après",
    };
}

/// <summary>
/// One version of a department's checklist for one interview modality, all three phases together.
/// A version without <see cref="PublishedAt"/> is the draft an administrator edits; publishing freezes it.
/// Only the methods below change a template: a published version never changes again.
/// </summary>
public sealed class ChecklistTemplate : IDepartmentScoped
{
    public const int MaxTextLength = 300;
    public const int MaxHelpTextLength = 600;

    private readonly List<ChecklistTemplateItem> _items = [];

    private ChecklistTemplate() { } // EF Core

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public int DepartmentId { get; private set; }
    public Modality Modality { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    /// <summary>Who published this version; null for the default lists installed with the application.</summary>
    public Guid? PublishedById { get; private set; }
    public IReadOnlyList<ChecklistTemplateItem> Items => _items;
    public uint RowVersion { get; private set; }

    public bool IsDraft => PublishedAt is null;

    /// <summary>Checklists prepare interviews and group sessions: SMS and e-mail are exchanges, and have none.</summary>
    public static bool ServesModality(Modality modality) => ModalityText.ChecklistModalities.Contains(modality);

    /// <summary>A new, empty draft: the first version of a list, or the next one when none was published.</summary>
    public static ChecklistTemplate Draft(int departmentId, Modality modality, int version)
    {
        if (!ServesModality(modality))
            throw new DomainRuleException("Les listes de contrôle préparent les entretiens (par téléphone, par audioconférence ou par visioconférence) et les séances de groupe.");
        if (version < 1) throw new DomainRuleException("Le numéro de version commence à 1.");
        return new ChecklistTemplate { DepartmentId = departmentId, Modality = modality, Version = version };
    }

    public void Publish(Guid by, DateTimeOffset at)
    {
        EnsurePublishable();
        PublishedAt = at;
        PublishedById = by;
    }

    /// <summary>
    /// Seeding only: the default lists a department starts with are published with the installation, by nobody
    /// (the pages say « liste par défaut »). The same rules apply: a draft with items.
    /// </summary>
    public void PublishAsInstalledDefault(DateTimeOffset at)
    {
        EnsurePublishable();
        PublishedAt = at;
        PublishedById = null;
    }

    private void EnsurePublishable()
    {
        if (!IsDraft) throw new DomainRuleException("Cette version est déjà publiée.");
        if (_items.Count == 0) throw new DomainRuleException("Une liste de contrôle vide ne peut pas être publiée.");
    }

    /// <summary>Renumbers items 1..n inside each phase, keeping their relative order.</summary>
    private void Renumber()
    {
        foreach (var group in _items.GroupBy(i => i.Phase))
        {
            var n = 1;
            foreach (var item in group.OrderBy(i => i.Order)) item.Order = n++;
        }
    }

    private void EnsureDraft()
    {
        if (!IsDraft) throw new DomainRuleException("Une version publiée ne se modifie plus : créez un brouillon.");
    }

    private ChecklistTemplateItem Item(Guid itemId) =>
        _items.SingleOrDefault(i => i.Id == itemId) ?? throw new DomainRuleException("Cet élément n'appartient pas à ce brouillon.");

    private static (string Text, string? HelpText) CheckText(ChecklistPhase phase, string text, string? helpText)
    {
        if (!Enum.IsDefined(phase)) throw new DomainRuleException("Choisissez la phase : avant, pendant ou après l'entretien.");
        var clean = text.Trim();
        if (clean.Length == 0) throw new DomainRuleException("Saisissez le texte de l'élément.");
        if (clean.Length > MaxTextLength) throw new DomainRuleException("Le texte ne peut pas dépasser 300 caractères.");
        var help = string.IsNullOrWhiteSpace(helpText) ? null : helpText.Trim();
        if (help?.Length > MaxHelpTextLength) throw new DomainRuleException("L'aide ne peut pas dépasser 600 caractères.");
        return (clean, help);
    }

    public ChecklistTemplateItem AddItem(ChecklistPhase phase, string text, bool required, string? helpText)
    {
        EnsureDraft();
        var (clean, help) = CheckText(phase, text, helpText);
        var item = new ChecklistTemplateItem
        {
            DepartmentId = DepartmentId, TemplateId = Id, Phase = phase, Text = clean, Required = required, HelpText = help,
            Order = _items.Where(i => i.Phase == phase).Select(i => i.Order).DefaultIfEmpty(0).Max() + 1,
        };
        _items.Add(item);
        return item;
    }

    public void UpdateItem(Guid itemId, string text, bool required, string? helpText)
    {
        EnsureDraft();
        var item = Item(itemId);
        var (clean, help) = CheckText(item.Phase, text, helpText);
        item.Text = clean;
        item.Required = required;
        item.HelpText = help;
    }

    public ChecklistTemplateItem RemoveItem(Guid itemId)
    {
        EnsureDraft();
        var item = Item(itemId);
        _items.Remove(item);
        Renumber();
        return item;
    }

    /// <summary>Replaces the draft's items by copies of others (copy from another department, reset to default).</summary>
    public IReadOnlyList<ChecklistTemplateItem> ReplaceItems(IEnumerable<ChecklistTemplateItem> source)
    {
        EnsureDraft();
        var removed = _items.ToList();
        _items.Clear();
        foreach (var i in source.OrderBy(i => i.Phase).ThenBy(i => i.Order))
        {
            _items.Add(new ChecklistTemplateItem
            {
                DepartmentId = DepartmentId, TemplateId = Id, Phase = i.Phase, Order = i.Order, Text = i.Text, Required = i.Required, HelpText = i.HelpText,
            });
        }
        Renumber();
        return removed;
    }

    /// <summary>Moves an item one place up (delta &lt; 0) or down (delta &gt; 0) inside its phase; at an end, nothing moves.</summary>
    /// <returns>True when the item moved.</returns>
    public bool Move(Guid itemId, int delta)
    {
        EnsureDraft();
        var item = Item(itemId);
        var phase = _items.Where(i => i.Phase == item.Phase).OrderBy(i => i.Order).ToList();
        var index = phase.IndexOf(item);
        var target = index + Math.Sign(delta);
        if (delta == 0 || target < 0 || target >= phase.Count) return false;
        (phase[index].Order, phase[target].Order) = (phase[target].Order, phase[index].Order);
        return true;
    }

    /// <summary>The next draft, starting from this version's items.</summary>
    public ChecklistTemplate NewDraft(int nextVersion)
    {
        if (nextVersion <= Version) throw new DomainRuleException("Un nouveau brouillon porte un numéro de version supérieur.");
        var draft = Draft(DepartmentId, Modality, nextVersion);
        draft.ReplaceItems(_items);
        return draft;
    }
}

/// <summary>An item of a checklist template; only its template changes it.</summary>
public sealed class ChecklistTemplateItem : IDepartmentScoped
{
    internal ChecklistTemplateItem() { }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public int DepartmentId { get; internal set; }
    public Guid TemplateId { get; internal set; }
    public ChecklistPhase Phase { get; internal set; }
    public int Order { get; internal set; }
    public string Text { get; internal set; } = "";
    public bool Required { get; internal set; }
    public string? HelpText { get; internal set; }
}

/// <summary>
/// An item copied into an interview when it is scheduled: later template edits do not change it. Only its interview
/// creates and ticks it (<c>Interview.TakeChecklist</c>, <c>Interview.Tick</c>).
/// </summary>
public sealed class InterviewChecklistItem : IDepartmentScoped
{
    internal InterviewChecklistItem() { }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public int DepartmentId { get; internal set; }
    public Guid InterviewId { get; internal set; }
    public ChecklistPhase Phase { get; internal set; }
    public int Order { get; internal set; }
    public string Text { get; internal set; } = "";
    public bool Required { get; internal set; }
    public string? HelpText { get; internal set; }
    public DateTimeOffset? CheckedAt { get; internal set; }
    public Guid? CheckedById { get; internal set; }

    public bool IsChecked => CheckedAt is not null;
}
