using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Web.Data.Seed;

namespace RemoteSupport.Web.Tests.Data.Seed;

public sealed class DefaultChecklistsTests
{
    private static readonly DateTimeOffset Published = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_interview_modality_gets_a_published_version_one_for_the_department_and_sms_none()
    {
        var templates = DefaultChecklists.For(56, Published);

        // Every interview modality, and the group sessions (issue 16).
        Assert.Equal([Modality.Phone, Modality.AudioConference, Modality.Video, Modality.Group], templates.Select(t => t.Modality));
        Assert.Throws<DomainRuleException>(() => DefaultChecklists.For(56, Modality.Sms, 1, Published));
        Assert.All(templates, t =>
        {
            Assert.Equal(56, t.DepartmentId);
            Assert.Equal(1, t.Version);
            Assert.Equal(Published, t.PublishedAt);
            // Installed with the application: nobody published it, and the pages say so (« liste par défaut »).
            Assert.Null(t.PublishedById);
            Assert.False(t.IsDraft);
            Assert.All(t.Items, i => Assert.Equal(56, i.DepartmentId));
            Assert.All(t.Items, i => Assert.Equal(t.Id, i.TemplateId));
        });
    }

    [Theory]
    [InlineData(Modality.Phone)]
    [InlineData(Modality.AudioConference)]
    [InlineData(Modality.Video)]
    public void Each_phase_has_items_and_at_least_one_required(Modality modality)
    {
        var template = DefaultChecklists.For(29, modality, 1, Published);
        foreach (var phase in Enum.GetValues<ChecklistPhase>())
        {
            var items = template.Items.Where(i => i.Phase == phase).ToList();
            Assert.NotEmpty(items);
            Assert.Contains(items, i => i.Required);
            Assert.Equal(Enumerable.Range(1, items.Count), items.Select(i => i.Order).Order());
        }
    }

    [Theory]
    [InlineData(Modality.Phone)]
    [InlineData(Modality.AudioConference)]
    [InlineData(Modality.Video)]
    public void Texts_fit_the_columns_and_are_not_repeated(Modality modality)
    {
        var template = DefaultChecklists.For(29, modality, 1, Published);
        Assert.All(template.Items, i =>
        {
            Assert.InRange(i.Text.Length, 10, 300);
            Assert.True(i.HelpText is null || i.HelpText.Length is > 0 and <= 600, i.HelpText);
        });
        Assert.Equal(template.Items.Count, template.Items.Select(i => i.Text).Distinct().Count());
    }

    [Fact]
    public void Interview_checklists_carry_what_the_practice_sheets_insist_on()
    {
        var phone = DefaultChecklists.For(29, Modality.Phone, 1, Published).Items;
        var video = DefaultChecklists.For(29, Modality.Video, 1, Published).Items;
        var audio = DefaultChecklists.For(29, Modality.AudioConference, 1, Published).Items;

        static bool Has(IEnumerable<ChecklistTemplateItem> items, ChecklistPhase phase, string words, bool required) =>
            items.Any(i => i.Phase == phase && i.Required == required && i.Text.Contains(words, StringComparison.OrdinalIgnoreCase));

        Assert.True(Has(phone, ChecklistPhase.Before, "entretien par téléphone", required: true));
        Assert.True(Has(video, ChecklistPhase.Before, "entretien par visioconférence", required: true));
        Assert.True(Has(phone, ChecklistPhase.Before, "autre participant", required: true));
        Assert.True(Has(phone, ChecklistPhase.Before, "lieu calme", required: true));
        Assert.True(Has(phone, ChecklistPhase.During, "reporté", required: true));
        Assert.True(Has(phone, ChecklistPhase.During, "reformulés", required: true));
        Assert.True(Has(phone, ChecklistPhase.During, "prochain contact", required: true));
        Assert.True(Has(phone, ChecklistPhase.After, "journal", required: true));
        Assert.True(Has(phone, ChecklistPhase.Before, "SMS", required: false));
        Assert.True(Has(video, ChecklistPhase.Before, "plan B", required: true));
        Assert.True(Has(audio, ChecklistPhase.Before, "plan B", required: true));
        Assert.True(Has(audio, ChecklistPhase.During, "tour de présentation", required: true));
    }

    [Fact]
    public void Without_a_publication_time_it_is_a_draft_that_can_be_published()
    {
        var draft = DefaultChecklists.For(22, Modality.Video, 4, null);
        Assert.True(draft.IsDraft);
        Assert.Equal(4, draft.Version);
        draft.Publish(Guid.NewGuid(), Published);
        Assert.False(draft.IsDraft);
    }

    [Fact]
    public void Each_call_builds_new_records()
    {
        var first = DefaultChecklists.For(22, Modality.Phone, 1, Published);
        var second = DefaultChecklists.For(22, Modality.Phone, 1, Published);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Empty(first.Items.Select(i => i.Id).Intersect(second.Items.Select(i => i.Id)));
    }
}
