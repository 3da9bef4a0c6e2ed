using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Tests.Checklists;

public sealed class ChecklistTemplateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Admin = Guid.CreateVersion7();

    private static ChecklistTemplate Draft(params (ChecklistPhase Phase, string Text)[] items)
    {
        var draft = ChecklistTemplate.Draft(56, Modality.Phone, 1);
        foreach (var (phase, text) in items) draft.AddItem(phase, text, required: false, helpText: null);
        return draft;
    }

    private static List<string> Texts(ChecklistTemplate t, ChecklistPhase phase) =>
        t.Items.Where(i => i.Phase == phase).OrderBy(i => i.Order).Select(i => i.Text).ToList();

    [Fact]
    public void A_new_draft_is_empty_and_belongs_to_its_department_and_modality()
    {
        var draft = ChecklistTemplate.Draft(56, Modality.Video, 3);
        Assert.True(draft.IsDraft);
        Assert.Empty(draft.Items);
        Assert.Equal((56, Modality.Video, 3), (draft.DepartmentId, draft.Modality, draft.Version));
        Assert.Null(draft.PublishedById);
    }

    [Fact]
    public void Sms_has_no_checklist_because_it_is_not_an_interview()
    {
        Assert.False(ChecklistTemplate.ServesModality(Modality.Sms));
        Assert.All(ModalityText.InterviewModalities, m => Assert.True(ChecklistTemplate.ServesModality(m)));
        var refusal = Assert.Throws<DomainRuleException>(() => ChecklistTemplate.Draft(56, Modality.Sms, 1));
        Assert.Contains("entretiens", refusal.Message);
        Assert.Throws<DomainRuleException>(() => ChecklistTemplate.Draft(56, Modality.Phone, 0));
    }

    [Fact]
    public void Items_are_numbered_within_their_phase_and_their_text_is_trimmed_and_checked()
    {
        var draft = Draft((ChecklistPhase.Before, "Lieu calme"), (ChecklistPhase.During, "Reformuler"));
        var added = draft.AddItem(ChecklistPhase.Before, "  Numéro vérifié  ", required: true, helpText: "   ");
        Assert.Equal(2, added.Order);
        Assert.Equal("Numéro vérifié", added.Text);
        Assert.Null(added.HelpText);
        Assert.Equal((56, draft.Id), (added.DepartmentId, added.TemplateId));
        Assert.Equal(1, draft.Items.Single(i => i.Phase == ChecklistPhase.During).Order);

        Assert.Equal("Saisissez le texte de l'élément.", Assert.Throws<DomainRuleException>(() => draft.AddItem(ChecklistPhase.After, "  ", false, null)).Message);
        Assert.Throws<DomainRuleException>(() => draft.AddItem(ChecklistPhase.After, new string('x', 301), false, null));
        Assert.Throws<DomainRuleException>(() => draft.AddItem(ChecklistPhase.After, "Aide trop longue", false, new string('x', 601)));
        Assert.Throws<DomainRuleException>(() => draft.AddItem((ChecklistPhase)9, "Phase inconnue", false, null));
        Assert.Equal(3, draft.Items.Count);
    }

    [Fact]
    public void An_item_is_updated_moved_within_its_phase_and_removed_with_renumbering()
    {
        var draft = Draft((ChecklistPhase.Before, "Premier"), (ChecklistPhase.Before, "Deuxième"), (ChecklistPhase.Before, "Troisième"),
            (ChecklistPhase.After, "Après"));
        var third = draft.Items.Single(i => i.Text == "Troisième");

        Assert.True(draft.Move(third.Id, -1));
        Assert.Equal(["Premier", "Troisième", "Deuxième"], Texts(draft, ChecklistPhase.Before));
        // At the top of its phase an item does not move, nor into another phase.
        Assert.False(draft.Move(draft.Items.Single(i => i.Text == "Premier").Id, -1));
        Assert.False(draft.Move(draft.Items.Single(i => i.Text == "Après").Id, 1));

        draft.UpdateItem(third.Id, " Troisième, reformulé ", required: true, helpText: "Aide");
        Assert.Equal(("Troisième, reformulé", true, "Aide"), (third.Text, third.Required, third.HelpText));

        var removed = draft.RemoveItem(draft.Items.Single(i => i.Text == "Premier").Id);
        Assert.Equal("Premier", removed.Text);
        Assert.Equal([("Troisième, reformulé", 1), ("Deuxième", 2)],
            draft.Items.Where(i => i.Phase == ChecklistPhase.Before).OrderBy(i => i.Order).Select(i => (i.Text, i.Order)));
        Assert.Throws<DomainRuleException>(() => draft.RemoveItem(Guid.NewGuid()));
        Assert.Throws<DomainRuleException>(() => draft.UpdateItem(Guid.NewGuid(), "Ailleurs", false, null));
    }

    [Fact]
    public void Publishing_records_who_and_when_and_an_empty_list_cannot_be_published()
    {
        var empty = Draft();
        Assert.Equal("Une liste de contrôle vide ne peut pas être publiée.", Assert.Throws<DomainRuleException>(() => empty.Publish(Admin, Now)).Message);
        Assert.True(empty.IsDraft);

        var draft = Draft((ChecklistPhase.Before, "Lieu calme"));
        draft.Publish(Admin, Now);
        Assert.False(draft.IsDraft);
        Assert.Equal((Now, Admin), (draft.PublishedAt, draft.PublishedById));
        Assert.Equal("Cette version est déjà publiée.", Assert.Throws<DomainRuleException>(() => draft.Publish(Admin, Now)).Message);
    }

    [Fact]
    public void A_published_version_never_changes_again()
    {
        var published = Draft((ChecklistPhase.Before, "Lieu calme"), (ChecklistPhase.Before, "Numéro vérifié"));
        published.Publish(Admin, Now);
        var item = published.Items[0];

        Assert.Throws<DomainRuleException>(() => published.AddItem(ChecklistPhase.After, "Trop tard", false, null));
        Assert.Throws<DomainRuleException>(() => published.UpdateItem(item.Id, "Changé", false, null));
        Assert.Throws<DomainRuleException>(() => published.RemoveItem(item.Id));
        Assert.Throws<DomainRuleException>(() => published.Move(item.Id, 1));
        Assert.Throws<DomainRuleException>(() => published.ReplaceItems([]));
        Assert.Equal(["Lieu calme", "Numéro vérifié"], Texts(published, ChecklistPhase.Before));
    }

    [Fact]
    public void The_installed_default_is_published_by_nobody_under_the_same_rules()
    {
        var draft = Draft((ChecklistPhase.Before, "Lieu calme"));
        draft.PublishAsInstalledDefault(Now);
        Assert.Equal(Now, draft.PublishedAt);
        Assert.Null(draft.PublishedById);
        Assert.Throws<DomainRuleException>(() => Draft().PublishAsInstalledDefault(Now));
        Assert.Throws<DomainRuleException>(() => draft.PublishAsInstalledDefault(Now));
    }

    [Fact]
    public void A_new_draft_copies_the_version_and_leaves_it_untouched()
    {
        var v1 = Draft((ChecklistPhase.Before, "Lieu calme"), (ChecklistPhase.During, "Reformuler"));
        v1.Publish(Admin, Now);

        var v2 = v1.NewDraft(2);
        Assert.True(v2.IsDraft);
        Assert.Equal((56, Modality.Phone, 2), (v2.DepartmentId, v2.Modality, v2.Version));
        Assert.Equal(v1.Items.Select(i => (i.Phase, i.Order, i.Text)), v2.Items.Select(i => (i.Phase, i.Order, i.Text)));
        Assert.All(v2.Items, i => Assert.Equal(v2.Id, i.TemplateId));
        Assert.Empty(v1.Items.Select(i => i.Id).Intersect(v2.Items.Select(i => i.Id)));

        v2.UpdateItem(v2.Items[0].Id, "Lieu calme et confidentiel", true, null);
        Assert.Equal("Lieu calme", v1.Items[0].Text);
        Assert.Throws<DomainRuleException>(() => v1.NewDraft(1));
    }

    [Fact]
    public void Replacing_items_copies_them_in_phase_order_and_returns_those_replaced()
    {
        var source = Draft((ChecklistPhase.After, "Consigner"), (ChecklistPhase.Before, "Lieu calme"), (ChecklistPhase.Before, "Plan B"));
        var draft = ChecklistTemplate.Draft(29, Modality.Phone, 4);
        draft.AddItem(ChecklistPhase.During, "Ancien", false, null);

        var replaced = draft.ReplaceItems(source.Items);
        Assert.Equal(["Ancien"], replaced.Select(i => i.Text));
        Assert.Equal(["Lieu calme", "Plan B"], Texts(draft, ChecklistPhase.Before));
        Assert.Equal(["Consigner"], Texts(draft, ChecklistPhase.After));
        Assert.All(draft.Items, i => Assert.Equal((29, draft.Id), (i.DepartmentId, i.TemplateId)));
    }
}
