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
/// One version of a department's checklist for one modality, all three phases together.
/// A version without <see cref="PublishedAt"/> is the draft an administrator edits; publishing freezes it.
/// </summary>
public sealed class ChecklistTemplate : IDepartmentScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int DepartmentId { get; set; }
    public Modality Modality { get; set; }
    public int Version { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public Guid? PublishedById { get; set; }
    public List<ChecklistTemplateItem> Items { get; set; } = [];
    public uint RowVersion { get; set; }

    public bool IsDraft => PublishedAt is null;

    public void Publish(Guid by, DateTimeOffset at)
    {
        if (!IsDraft) throw new DomainRuleException("Cette version est déjà publiée.");
        if (Items.Count == 0) throw new DomainRuleException("Une liste de contrôle vide ne peut pas être publiée.");
        PublishedAt = at;
        PublishedById = by;
    }

    /// <summary>Renumbers items 1..n inside each phase, keeping their relative order.</summary>
    public void Renumber()
    {
        foreach (var group in Items.GroupBy(i => i.Phase))
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
        Items.SingleOrDefault(i => i.Id == itemId) ?? throw new DomainRuleException("Cet élément n'appartient pas à ce brouillon.");

    public ChecklistTemplateItem AddItem(ChecklistPhase phase, string text, bool required, string? helpText)
    {
        EnsureDraft();
        var item = new ChecklistTemplateItem
        {
            DepartmentId = DepartmentId, TemplateId = Id, Phase = phase, Text = text, Required = required, HelpText = helpText,
            Order = Items.Where(i => i.Phase == phase).Select(i => i.Order).DefaultIfEmpty(0).Max() + 1,
        };
        Items.Add(item);
        return item;
    }

    public void UpdateItem(Guid itemId, string text, bool required, string? helpText)
    {
        EnsureDraft();
        var item = Item(itemId);
        item.Text = text;
        item.Required = required;
        item.HelpText = helpText;
    }

    public ChecklistTemplateItem RemoveItem(Guid itemId)
    {
        EnsureDraft();
        var item = Item(itemId);
        Items.Remove(item);
        Renumber();
        return item;
    }

    /// <summary>Replaces the draft's items by copies of others (copy from another department, reset to default).</summary>
    public IReadOnlyList<ChecklistTemplateItem> ReplaceItems(IEnumerable<ChecklistTemplateItem> source)
    {
        EnsureDraft();
        var removed = Items.ToList();
        Items.Clear();
        foreach (var i in source.OrderBy(i => i.Phase).ThenBy(i => i.Order))
        {
            Items.Add(new ChecklistTemplateItem
            {
                DepartmentId = DepartmentId, TemplateId = Id, Phase = i.Phase, Order = i.Order, Text = i.Text, Required = i.Required, HelpText = i.HelpText,
            });
        }
        Renumber();
        return removed;
    }

    public void Move(Guid itemId, int delta)
    {
        EnsureDraft();
        var item = Item(itemId);
        var phase = Items.Where(i => i.Phase == item.Phase).OrderBy(i => i.Order).ToList();
        var index = phase.IndexOf(item);
        var target = index + delta;
        if (target < 0 || target >= phase.Count) return;
        (phase[index].Order, phase[target].Order) = (phase[target].Order, phase[index].Order);
    }

    public ChecklistTemplate NewDraft(int nextVersion) => new()
    {
        DepartmentId = DepartmentId,
        Modality = Modality,
        Version = nextVersion,
        Items = Items.Select(i => new ChecklistTemplateItem
        {
            DepartmentId = DepartmentId, Phase = i.Phase, Order = i.Order, Text = i.Text, Required = i.Required, HelpText = i.HelpText,
        }).ToList(),
    };
}

public sealed class ChecklistTemplateItem : IDepartmentScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int DepartmentId { get; set; }
    public Guid TemplateId { get; set; }
    public ChecklistPhase Phase { get; set; }
    public int Order { get; set; }
    public string Text { get; set; } = "";
    public bool Required { get; set; }
    public string? HelpText { get; set; }
}

/// <summary>An item copied into an interview when it is scheduled: later template edits do not change it.</summary>
public sealed class InterviewChecklistItem : IDepartmentScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int DepartmentId { get; set; }
    public Guid InterviewId { get; set; }
    public ChecklistPhase Phase { get; set; }
    public int Order { get; set; }
    public string Text { get; set; } = "";
    public bool Required { get; set; }
    public string? HelpText { get; set; }
    public DateTimeOffset? CheckedAt { get; set; }
    public Guid? CheckedById { get; set; }

    public bool IsChecked => CheckedAt is not null;
}
