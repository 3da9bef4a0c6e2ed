using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Tests.Infrastructure;
using static RemoteSupport.Web.Tests.Pages.TeamLead.TeamLeadData;

namespace RemoteSupport.Web.Tests.Pages.TeamLead;

public sealed class ReassignTests(AppFactory factory) : WebTest(factory)
{
    private string FromLea => $"/TeamLead/Reassign?from={World.Worker56.Id}";

    private Task<Guid> ReferentOfAsync(Guid personId) =>
        Factory.WithDbAsync(db => db.Persons.Where(p => p.Id == personId).Select(p => p.ReferentId).SingleAsync());

    [Fact]
    public async Task Moves_the_chosen_persons_and_writes_the_reason_in_each_journal()
    {
        var a = await CalmPersonAsync(Factory, World.Worker56, "Alpha");
        var b = await CalmPersonAsync(Factory, World.Worker56, "Bravo");
        var c = await CalmPersonAsync(Factory, World.Worker56, "Charlie");
        var client = await SignInAsync(World.Lead56);

        var page = await client.SubmitManyAsync(FromLea,
            [("Input.PersonIds", a.Id.ToString()), ("Input.PersonIds", b.Id.ToString()),
             ("Input.ToWorker", World.Colleague56.Id.ToString()), ("Input.Reason", "Congé de longue durée")]);

        Assert.Equal("2 personnes sont désormais suivies par Hugo Collègue.", page.Flash);
        Assert.Equal(World.Colleague56.Id, await ReferentOfAsync(a.Id));
        Assert.Equal(World.Colleague56.Id, await ReferentOfAsync(b.Id));
        Assert.Equal(World.Worker56.Id, await ReferentOfAsync(c.Id));
        var journal = await Factory.WithDbAsync(db => db.ActivityLog.Where(e => e.Kind == ActivityKind.PersonReassigned).ToListAsync());
        Assert.Equal(2, journal.Count);
        Assert.All(journal, e =>
        {
            Assert.Equal("Référent : Léa Travailleuse → Hugo Collègue. Motif : Congé de longue durée", e.Description);
            Assert.Equal(World.Lead56.Id, e.ActorId);
            Assert.Equal(World.Cd56.Id, e.DepartmentId);
        });
        Assert.Equal([a.Id, b.Id], journal.Select(e => e.PersonId!.Value).Order());
        Assert.Equal(["Charlie Anne"], page.Document.QuerySelectorAll("label.check span").Select(s => s.TextContent.Split(" — ")[0]));
    }

    [Fact]
    public async Task A_person_can_go_to_a_worker_of_another_team_of_the_department()
    {
        var a = await CalmPersonAsync(Factory, World.Worker56, "Alpha");
        var page = await (await SignInAsync(World.Lead56)).SubmitManyAsync(FromLea,
            [("Input.PersonIds", a.Id.ToString()), ("Input.ToWorker", World.OtherTeamWorker56.Id.ToString()), ("Input.Reason", "Déménagement vers Lorient")]);

        Assert.Equal("1 personne est désormais suivie par Inès Lorient.", page.Flash);
        Assert.Equal(World.OtherTeamWorker56.Id, await ReferentOfAsync(a.Id));
    }

    [Fact]
    public async Task Refuses_a_worker_of_another_department_or_an_inactive_one_as_the_new_referent()
    {
        var a = await CalmPersonAsync(Factory, World.Worker56, "Alpha");
        await DeactivateAsync(Factory, World.Colleague56);
        var client = await SignInAsync(World.Lead56);

        foreach (var target in new[] { World.Worker29.Id, World.Colleague56.Id, World.Lead56.Id, Guid.NewGuid() })
        {
            var page = await client.SubmitManyAsync(FromLea,
                [("Input.PersonIds", a.Id.ToString()), ("Input.ToWorker", target.ToString()), ("Input.Reason", "Essai")]);
            Assert.Equal("Le nouveau référent doit être un travailleur social en activité de votre département.", page.ErrorFor("Input.ToWorker"));
            Assert.Equal("Essai", page.ValueOf("Input.Reason"));
        }
        Assert.Equal(World.Worker56.Id, await ReferentOfAsync(a.Id));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ActivityLog.CountAsync(e => e.Kind == ActivityKind.PersonReassigned)));
        var form = await client.GetAsync(FromLea);
        Assert.Null(form.Document.QuerySelector($"option[value='{World.Worker29.Id}']"));
        Assert.Null(form.Document.QuerySelector($"option[value='{World.Colleague56.Id}']"));
    }

    [Fact]
    public async Task Empty_or_malformed_input_gets_a_message_next_to_each_field()
    {
        var a = await CalmPersonAsync(Factory, World.Worker56, "Alpha");
        var client = await SignInAsync(World.Lead56);

        var empty = await client.SubmitManyAsync(FromLea, [("Input.ToWorker", ""), ("Input.Reason", "   ")]);
        Assert.Equal("Cochez au moins une personne à confier.", empty.ErrorFor("Input.PersonIds"));
        Assert.Equal("Choisissez le nouveau référent.", empty.ErrorFor("Input.ToWorker"));
        Assert.Equal("Indiquez le motif du changement de référent.", empty.ErrorFor("Input.Reason"));

        var garbled = await client.SubmitManyAsync(FromLea,
            [("Input.PersonIds", "pas-un-id"), ("Input.ToWorker", "<script>"), ("Input.Reason", new string('x', 501))]);
        Assert.Equal("La liste des personnes n'est plus valable : rechargez la page.", garbled.ErrorFor("Input.PersonIds"));
        Assert.Equal("Choisissez le nouveau référent dans la liste.", garbled.ErrorFor("Input.ToWorker"));
        Assert.Equal("Le motif ne peut pas dépasser 500 caractères.", garbled.ErrorFor("Input.Reason"));

        var control = await client.SubmitManyAsync(FromLea,
            [("Input.PersonIds", a.Id.ToString()), ("Input.ToWorker", World.Colleague56.Id.ToString()), ("Input.Reason", "Motif\u202Einversé")]);
        Assert.Equal("Le motif contient des caractères non autorisés.", control.ErrorFor("Input.Reason"));

        var same = await client.SubmitManyAsync(FromLea,
            [("Input.PersonIds", a.Id.ToString()), ("Input.ToWorker", World.Worker56.Id.ToString()), ("Input.Reason", "Aucun")]);
        Assert.Equal("Choisissez un autre travailleur social que le référent actuel.", same.ErrorFor("Input.ToWorker"));
        Assert.Equal(World.Worker56.Id, await ReferentOfAsync(a.Id));
    }

    [Fact]
    public async Task Tampered_person_ids_move_nobody()
    {
        var mine = await CalmPersonAsync(Factory, World.Worker56, "Alpha");
        var colleagues = await CalmPersonAsync(Factory, World.Colleague56, "Bravo");
        var brest = await CalmPersonAsync(Factory, World.Worker29, "Brestoise");
        var closed = await CalmPersonAsync(Factory, World.Worker56, "Close", p => p.Close("Fin", Now.AddDays(-1)));
        var client = await SignInAsync(World.Lead56);

        foreach (var other in new[] { colleagues.Id, brest.Id, closed.Id })
        {
            var page = await client.SubmitManyAsync(FromLea,
                [("Input.PersonIds", mine.Id.ToString()), ("Input.PersonIds", other.ToString()),
                 ("Input.ToWorker", World.OtherTeamWorker56.Id.ToString()), ("Input.Reason", "Essai")]);
            Assert.Contains("Certaines personnes cochées ne sont plus suivies par Léa Travailleuse : rechargez la page et recommencez.", page.Summary);
        }
        Assert.Equal(World.Worker56.Id, await ReferentOfAsync(mine.Id));
        Assert.Equal(World.Colleague56.Id, await ReferentOfAsync(colleagues.Id));
        Assert.Equal(World.Worker29.Id, await ReferentOfAsync(brest.Id));
    }

    [Fact]
    public async Task A_deactivated_worker_is_listed_first_as_to_reassign()
    {
        await CalmPersonAsync(Factory, World.Colleague56, "Alpha");
        await CalmPersonAsync(Factory, World.Colleague56, "Bravo");
        await DeactivateAsync(Factory, World.Colleague56);
        var client = await SignInAsync(World.Lead56);

        var index = await client.GetAsync("/TeamLead/Reassign");
        var section = index.Document.QuerySelector("section[aria-labelledby='to-reassign-title']")!;
        Assert.Contains("Hugo Collègue — 2 personne(s) à réassigner", section.TextContent);

        var form = await client.GetAsync(section.QuerySelector("a")!.GetAttribute("href")!);
        Assert.Contains("Ce compte est désactivé : ces personnes attendent un nouveau référent.", form.Text);
        Assert.Equal(2, form.Document.QuerySelectorAll("input[name='Input.PersonIds']").Length);
    }

    [Fact]
    public async Task The_person_page_offers_the_change_to_team_leads_with_the_person_ticked()
    {
        var a = await CalmPersonAsync(Factory, World.Worker56, "Alpha");
        await CalmPersonAsync(Factory, World.Worker56, "Bravo");
        var lead = await SignInAsync(World.Lead56);

        var details = await lead.GetAsync($"/Persons/Details/{a.Id}");
        Assert.Contains("Suivie par Léa Travailleuse.", details.Text);
        var link = details.Document.QuerySelector("section[aria-labelledby='referent-title'] a")!.GetAttribute("href")!;
        var form = await lead.GetAsync(link);
        Assert.Equal([a.Id.ToString()], form.Document.QuerySelectorAll("input[name='Input.PersonIds']:checked").Select(i => i.GetAttribute("value")));

        var worker = await (await SignInAsync(World.Worker56)).GetAsync($"/Persons/Details/{a.Id}");
        Assert.Contains("Suivie par Léa Travailleuse.", worker.Text);
        Assert.Null(worker.Document.QuerySelector("section[aria-labelledby='referent-title'] a"));
    }

    [Fact]
    public async Task Workers_outside_the_lead_scope_answer_404_and_nothing_moves()
    {
        var lorient = await CalmPersonAsync(Factory, World.OtherTeamWorker56, "Lorientaise");
        var lea = await CalmPersonAsync(Factory, World.Worker56, "Vannetaise");

        var lead56 = await SignInAsync(World.Lead56);
        Assert.Equal(HttpStatusCode.NotFound, (await lead56.GetAsync($"/TeamLead/Reassign?from={World.OtherTeamWorker56.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await lead56.GetAsync("/TeamLead/Reassign?from=n-importe-quoi")).Status);

        var lead29 = await SignInAsync(World.Lead29);
        Assert.Equal(HttpStatusCode.NotFound, (await lead29.GetAsync(FromLea)).Status);
        var index29 = await lead29.GetAsync("/TeamLead/Reassign");
        Assert.DoesNotContain("Léa Travailleuse", index29.Text);
        // A forged post carrying a valid antiforgery token of the lead's own session, aimed at the other department's worker.
        var own = await lead29.GetAsync("/Account/ChangePassword");
        var token = own.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var forged = await lead29.PostAsync(FromLea,
            [("__RequestVerificationToken", token), ("Input.PersonIds", lea.Id.ToString()), ("Input.ToWorker", World.Worker29.Id.ToString()),
             ("Input.Reason", "Vol")]);
        Assert.Equal(HttpStatusCode.NotFound, forged.Status);
        Assert.Equal(World.Worker56.Id, await ReferentOfAsync(lea.Id));
        Assert.Equal(World.OtherTeamWorker56.Id, await ReferentOfAsync(lorient.Id));
    }
}
