using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Tests.Infrastructure;
using static RemoteSupport.Web.Tests.Pages.Interviews.InterviewData;

namespace RemoteSupport.Web.Tests.Pages.Interviews;

public sealed class DetailsTests(AppFactory factory) : WebTest(factory)
{
    private async Task<(Domain.Persons.AccompaniedPerson Person, Interview Interview)> PlannedPhoneInterviewAsync()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone, Modality.AudioConference);
        var template = await StandardTemplateAsync(Factory, World.Cd56.Id, Modality.Phone);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56, Modality.Phone, template: template);
        return (person, interview);
    }

    [Fact]
    public async Task Shows_the_checklist_in_three_phases_with_progress_and_required_items_in_words()
    {
        var (_, interview) = await PlannedPhoneInterviewAsync();
        var client = await SignInAsync(World.Worker56);

        var page = await client.GetAsync($"/Interviews/Details/{interview.Id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var phases = page.Document.QuerySelectorAll(".phase h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Avant", "Pendant", "Après"], phases);
        Assert.Equal("Avant : 0 sur 2 cochés", page.Document.QuerySelector("label[for='phase-before-progress']")!.TextContent.Trim());
        Assert.Equal("2", page.Document.QuerySelector("#phase-before-progress")!.GetAttribute("max"));
        var required = page.Document.QuerySelectorAll(".checklist-item").Single(li => li.TextContent.Contains("Lieu calme", StringComparison.Ordinal));
        Assert.Contains("obligatoire", required.TextContent);
        Assert.Contains("À faire", required.TextContent);
        Assert.Contains("Version 1 de la liste du département", page.Text);
        Assert.Contains("Faire le point sur la demande de logement", page.Text);
        Assert.NotNull(page.Document.QuerySelector("script[src^='/js/checklist.js']"));
    }

    [Fact]
    public async Task Viewing_an_interview_is_recorded_in_the_access_trail()
    {
        var (person, interview) = await PlannedPhoneInterviewAsync();
        var client = await SignInAsync(World.Colleague56);

        await client.GetAsync($"/Interviews/Details/{interview.Id}");

        var access = await Factory.WithDbAsync(db => db.PersonAccesses.AsNoTracking().SingleAsync());
        Assert.Equal(person.Id, access.PersonId);
        Assert.Equal(World.Colleague56.Id, access.UserId);
    }

    [Fact]
    public async Task Ticking_an_item_without_javascript_saves_it_at_once_and_comes_back_to_the_item()
    {
        var (_, interview) = await PlannedPhoneInterviewAsync();
        var item = interview.Checklist.Single(i => i.Text == "Lieu calme et confidentiel des deux côtés");
        var client = await SignInAsync(World.Worker56);

        var before = await client.GetAsync($"/Interviews/Details/{interview.Id}");
        var page = await client.SubmitFormAsync(before, [], $"#item-{item.Id} form");

        Assert.Equal($"/Interviews/Details/{interview.Id}", page.Url.AbsolutePath);
        Assert.Equal("Avant : 1 sur 2 cochés", page.Document.QuerySelector("label[for='phase-before-progress']")!.TextContent.Trim());
        Assert.Contains("Fait le 23/11/2026 à 10:00 par Léa Travailleuse", page.Document.QuerySelector($"#item-{item.Id}")!.TextContent);
        var stored = (await LoadAsync(Factory, interview.Id)).Checklist.Single(i => i.Id == item.Id);
        Assert.Equal(TestClock.Start, stored.CheckedAt);
        Assert.Equal(World.Worker56.Id, stored.CheckedById);

        var untick = await client.SubmitFormAsync(page, [], $"#item-{item.Id} form");
        Assert.Contains("À faire", untick.Document.QuerySelector($"#item-{item.Id}")!.TextContent);
        Assert.Null((await LoadAsync(Factory, interview.Id)).Checklist.Single(i => i.Id == item.Id).CheckedAt);
    }

    [Fact]
    public async Task Ticking_from_the_script_answers_with_the_new_progress()
    {
        var (_, interview) = await PlannedPhoneInterviewAsync();
        var item = interview.Checklist.Single(i => i.Phase == ChecklistPhase.During);
        var client = await SignInAsync(World.Worker56);
        var page = await client.GetAsync($"/Interviews/Details/{interview.Id}");
        var form = page.Document.QuerySelector($"#item-{item.Id} form")!;
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        using var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action"))
        {
            Content = new FormUrlEncodedContent([new("itemId", item.Id.ToString()), new("done", "true"), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("done").GetBoolean());
        Assert.Equal("Pendant : 1 sur 1 cochés", json.RootElement.GetProperty("label").GetString());
        Assert.Equal("Décocher", json.RootElement.GetProperty("button").GetString());
        Assert.NotNull((await LoadAsync(Factory, interview.Id)).Checklist.Single(i => i.Id == item.Id).CheckedAt);
    }

    [Fact]
    public async Task A_tick_without_the_antiforgery_token_is_rejected()
    {
        var (_, interview) = await PlannedPhoneInterviewAsync();
        var item = interview.Checklist[0];
        var client = await SignInAsync(World.Worker56);

        var page = await client.PostAsync($"/Interviews/Details/{interview.Id}?handler=Tick", [("itemId", item.Id.ToString()), ("done", "true")]);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null((await LoadAsync(Factory, interview.Id)).Checklist.Single(i => i.Id == item.Id).CheckedAt);
    }

    [Fact]
    public async Task An_item_of_another_interview_cannot_be_ticked_through_this_one()
    {
        var (person, interview) = await PlannedPhoneInterviewAsync();
        var template = await StandardTemplateAsync(Factory, World.Cd56.Id, Modality.Phone, version: 2);
        var other = await AddInterviewAsync(Factory, person, World.Worker56, Modality.Phone, Tomorrow10.AddDays(7), template);
        var foreignItem = other.Checklist[0];
        var client = await SignInAsync(World.Worker56);

        var page = await client.GetAsync($"/Interviews/Details/{interview.Id}");
        var result = await client.SubmitFormAsync(page, new() { ["itemId"] = foreignItem.Id.ToString() }, $"#item-{interview.Checklist[0].Id} form");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("Cet élément n'appartient pas à la liste de cet entretien.", result.Summary);
        Assert.Null((await LoadAsync(Factory, other.Id)).Checklist.Single(i => i.Id == foreignItem.Id).CheckedAt);

        var garbage = await client.SubmitFormAsync(page, new() { ["itemId"] = "n'importe quoi" }, $"#item-{interview.Checklist[0].Id} form");
        Assert.Equal(HttpStatusCode.OK, garbage.Status);
        Assert.Contains("n'a pas été reconnu", garbage.Summary);
    }

    [Fact]
    public async Task The_checklist_keeps_its_snapshot_when_a_new_template_version_is_published_afterwards()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        await StandardTemplateAsync(Factory, World.Cd56.Id, Modality.Phone);
        var client = await SignInAsync(World.Worker56);
        var scheduled = await client.SubmitAsync($"/Interviews/Schedule/{person.Id}", new()
        {
            ["Input.Modality"] = "Phone", ["Input.Date"] = "2026-11-24", ["Input.Time"] = "10:00", ["Input.DurationMinutes"] = "30",
            ["Input.Objectives"] = "Point budget",
        });
        Assert.StartsWith("/Interviews/Details/", scheduled.Url.AbsolutePath);

        await PublishTemplateAsync(Factory, World.Cd56.Id, Modality.Phone, 2,
            (ChecklistPhase.Before, "Nouvelle consigne publiée après coup", true));

        var page = await client.GetAsync(scheduled.Url.AbsolutePath);
        Assert.Contains("Lieu calme et confidentiel des deux côtés", page.Text);
        Assert.DoesNotContain("Nouvelle consigne publiée après coup", page.Text);
        Assert.Contains("Version 1 de la liste", page.Text);

        // A new interview, scheduled now, takes the new version.
        var second = await client.SubmitAsync($"/Interviews/Schedule/{person.Id}", new()
        {
            ["Input.Modality"] = "Phone", ["Input.Date"] = "2026-11-26", ["Input.Time"] = "10:00", ["Input.DurationMinutes"] = "30",
            ["Input.Objectives"] = "Point budget",
        });
        Assert.Contains("Nouvelle consigne publiée après coup", second.Text);
        Assert.DoesNotContain("Lieu calme et confidentiel des deux côtés", second.Text);
    }

    [Fact]
    public async Task Starting_records_the_time_and_writes_the_journal()
    {
        var (person, interview) = await PlannedPhoneInterviewAsync();
        var client = await SignInAsync(World.Worker56);
        Factory.Clock.Advance(TimeSpan.FromHours(2));

        var page = await client.SubmitAsync($"/Interviews/Details/{interview.Id}", [], "#start-form");

        Assert.Contains("L'entretien a commencé", page.Flash);
        Assert.Contains("En cours", page.Text);
        Assert.NotNull(page.Document.QuerySelector("#planb-form"));
        var stored = await LoadAsync(Factory, interview.Id);
        Assert.Equal(InterviewStatus.InProgress, stored.Status);
        Assert.Equal(TestClock.Start.AddHours(2), stored.StartedAt);
        var entry = Assert.Single(await JournalAsync(Factory, person.Id));
        Assert.Equal(ActivityKind.InterviewStarted, entry.Kind);
    }

    [Fact]
    public async Task A_withdrawn_consent_is_shown_at_once_and_start_is_refused()
    {
        var (person, interview) = await PlannedPhoneInterviewAsync();
        var client = await SignInAsync(World.Worker56);
        var before = await client.GetAsync($"/Interviews/Details/{interview.Id}");
        Assert.Null(before.Document.QuerySelector(".warning"));

        await ConsentAtAsync(Factory, person, World.Worker56, ConsentDecision.Withdrawn, TestClock.Start.AddMinutes(-5), Modality.Phone);

        var page = await client.GetAsync($"/Interviews/Details/{interview.Id}");
        Assert.Contains("a retiré son accord pour les échanges par téléphone", page.Document.QuerySelector(".warning")!.TextContent);
        Assert.Contains("L'entretien ne peut pas commencer par ce moyen", page.Text);

        var refused = await client.SubmitFormAsync(page, [], "#start-form");
        Assert.Contains("L'entretien ne peut pas commencer.", refused.Summary);
        Assert.Equal(InterviewStatus.Planned, (await LoadAsync(Factory, interview.Id)).Status);
        Assert.Empty(await JournalAsync(Factory, person.Id));
    }

    [Fact]
    public async Task Starting_from_a_stale_page_is_refused_with_a_clear_message()
    {
        var (_, interview) = await PlannedPhoneInterviewAsync();
        var client = await SignInAsync(World.Worker56);
        var page = await client.GetAsync($"/Interviews/Details/{interview.Id}");

        await Factory.WithDbAsync(async db =>
        {
            // A colleague's change, written as another request would: the row's version moves on.
            await db.Database.ExecuteSqlAsync($"UPDATE \"Interviews\" SET \"Objectives\" = 'Objectifs revus par une collègue' WHERE \"Id\" = {interview.Id}");
        });
        var result = await client.SubmitFormAsync(page, [], "#start-form");

        Assert.Contains("Quelqu'un d'autre a modifié ces informations", result.Summary);
        Assert.Equal(InterviewStatus.Planned, (await LoadAsync(Factory, interview.Id)).Status);
    }

    [Fact]
    public async Task Two_workers_ticking_different_items_at_once_both_keep_their_tick()
    {
        var (_, interview) = await PlannedPhoneInterviewAsync();
        var first = await SignInAsync(World.Worker56);
        var second = await SignInAsync(World.Colleague56);
        var pageA = await first.GetAsync($"/Interviews/Details/{interview.Id}");
        var pageB = await second.GetAsync($"/Interviews/Details/{interview.Id}");

        await first.SubmitFormAsync(pageA, [], $"#item-{interview.Checklist[0].Id} form");
        await second.SubmitFormAsync(pageB, [], $"#item-{interview.Checklist[2].Id} form");

        var stored = await LoadAsync(Factory, interview.Id);
        Assert.Equal(World.Worker56.Id, stored.Checklist.Single(i => i.Id == interview.Checklist[0].Id).CheckedById);
        Assert.Equal(World.Colleague56.Id, stored.Checklist.Single(i => i.Id == interview.Checklist[2].Id).CheckedById);
    }

    [Fact]
    public async Task The_private_note_is_shown_to_its_author_only_not_to_the_team_lead_or_a_colleague()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var interview = await AddInterviewAsync(Factory, person, World.Worker56, at: TestClock.Start.AddHours(-2), status: InterviewStatus.Completed,
            outcome: new InterviewOutcome("Compte rendu partagé", PrivateNote: "Impression toute personnelle"));

        var author = await (await SignInAsync(World.Worker56)).GetAsync($"/Interviews/Details/{interview.Id}");
        Assert.Contains("Impression toute personnelle", author.Text);
        Assert.Contains("Compte rendu partagé", author.Text);

        foreach (var other in new[] { World.Lead56, World.Colleague56 })
        {
            var page = await (await SignInAsync(other)).GetAsync($"/Interviews/Details/{interview.Id}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("Compte rendu partagé", page.Text);
            Assert.DoesNotContain("Impression toute personnelle", page.Html);
        }
    }

    [Fact]
    public async Task Users_of_another_department_or_team_get_404_on_the_page_and_its_actions_and_nothing_changes()
    {
        var (_, interview) = await PlannedPhoneInterviewAsync();
        var item = interview.Checklist[0];

        foreach (var outsider in new[] { World.Worker29, World.Lead29, World.OtherTeamWorker56 })
        {
            var client = await SignInAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Interviews/Details/{interview.Id}")).Status);
            var tick = await ForgedPostAsync(client, $"/Interviews/Details/{interview.Id}?handler=Tick", ("itemId", item.Id.ToString()), ("done", "true"));
            Assert.Equal(HttpStatusCode.NotFound, tick.Status);
            var start = await ForgedPostAsync(client, $"/Interviews/Details/{interview.Id}?handler=Start", ("version", interview.Version.ToString()));
            Assert.Equal(HttpStatusCode.NotFound, start.Status);
        }

        var stored = await LoadAsync(Factory, interview.Id);
        Assert.Equal(InterviewStatus.Planned, stored.Status);
        Assert.All(stored.Checklist, i => Assert.Null(i.CheckedAt));
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignInAsync(World.Worker56)).GetAsync($"/Interviews/Details/{Guid.NewGuid()}")).Status);
    }

    [Fact]
    public async Task Unknown_handlers_and_a_bare_post_never_fail()
    {
        var (_, interview) = await PlannedPhoneInterviewAsync();
        var client = await SignInAsync(World.Worker56);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Interviews/Details/{interview.Id}?handler=Nope")).Status);
        var bare = await ForgedPostAsync(client, $"/Interviews/Details/{interview.Id}");
        Assert.Equal((HttpStatusCode.OK, $"/Interviews/Details/{interview.Id}"), (bare.Status, bare.Url.AbsolutePath));
        var unknown = await ForgedPostAsync(client, $"/Interviews/Details/{interview.Id}?handler=Nope");
        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Equal(InterviewStatus.Planned, (await LoadAsync(Factory, interview.Id)).Status);
    }
}
