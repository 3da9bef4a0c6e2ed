using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Consents;

public sealed class RecordTests(AppFactory factory) : WebTest(factory)
{
    private static Dictionary<string, string> Answer(string decision, string method = "OrallyDuringCall", string? comment = null) => new()
    {
        ["Input.Decision"] = decision,
        ["Input.Method"] = method,
        ["Input.Comment"] = comment ?? "",
    };

    [Fact]
    public async Task The_form_preselects_the_modality_and_proposes_now_in_paris_time()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.GetAsync($"/Consents/Record/{person.Id}?modality=Video");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Consentement de Rozenn Kerjean", page.Text);
        Assert.Equal("Video", page.ValueOf("Input.Modality"));
        // The test clock says 09:00 UTC: 10:00 in Paris in November.
        Assert.Equal("2026-11-23T10:00", page.ValueOf("Input.DecidedAt"));
    }

    [Fact]
    public async Task An_unknown_modality_in_the_link_preselects_nothing()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        foreach (var value in new[] { "Fax", "7", "<script>" })
        {
            var page = await client.GetAsync($"/Consents/Record/{person.Id}?modality={Uri.EscapeDataString(value)}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal("", page.ValueOf("Input.Modality"));
        }
    }

    [Fact]
    public async Task Granting_stores_the_answer_and_the_matrix_shows_it_at_once()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Consents/Record/{person.Id}?modality=Video",
            Answer("Granted", "InWriting", "Accord signé lors de la visite."));

        Assert.Equal($"/Persons/Details/{person.Id}", page.Url.AbsolutePath);
        Assert.Equal("La réponse a été enregistrée. Visioconférence : accordé depuis le 23/11/2026.", page.Flash);
        Assert.Equal("Accordé depuis le 23/11/2026", page.MatrixState("Visioconférence"));
        Assert.Equal("Jamais recueilli", page.MatrixState("Téléphone"));

        var record = await Factory.WithDbAsync(db => db.Consents.SingleAsync(c => c.PersonId == person.Id));
        Assert.Equal(Modality.Video, record.Modality);
        Assert.Equal(ConsentDecision.Granted, record.Decision);
        Assert.Equal(ConsentMethod.InWriting, record.Method);
        Assert.Equal(TestClock.Start, record.DecidedAt);
        Assert.Equal(TestClock.Start, record.RecordedAt);
        Assert.Equal(World.Worker56.Id, record.RecordedById);
        Assert.Equal(World.Cd56.Id, record.DepartmentId);
        Assert.Equal("Accord signé lors de la visite.", record.Comment);
    }

    [Fact]
    public async Task Every_answer_writes_a_journal_entry_without_the_comment()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Consents/Record/{person.Id}?modality=Sms",
            Answer("Refused", "InPerson", "Son fils lit ses messages."));

        var entry = await Factory.WithDbAsync(db => db.ActivityLog.SingleAsync(a => a.PersonId == person.Id));
        Assert.Equal(ActivityKind.ConsentRecorded, entry.Kind);
        Assert.Equal("Consentement SMS : refusé (en rencontre physique).", entry.Description);
        Assert.Equal(Modality.Sms, entry.Modality);
        Assert.Equal(World.Worker56.Id, entry.ActorId);
        Assert.Contains("Consentement SMS : refusé (en rencontre physique).", page.Document.QuerySelector("section[aria-labelledby=journal-title]")!.TextContent);
        Assert.DoesNotContain("Son fils lit ses messages.", page.Text);
    }

    [Fact]
    public async Task Refuse_grant_withdraw_and_grant_again_keep_every_answer_and_the_matrix_follows()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        var url = $"/Consents/Record/{person.Id}?modality=Phone";

        var page = await client.SubmitAsync(url, new(Answer("Refused")) { ["Input.DecidedAt"] = "2026-11-02T09:15" });
        Assert.Equal("Refusé le 02/11/2026", page.MatrixState("Téléphone"));

        page = await client.SubmitAsync(url, new(Answer("Granted")) { ["Input.DecidedAt"] = "2026-11-09T14:00" });
        Assert.Equal("Accordé depuis le 09/11/2026", page.MatrixState("Téléphone"));

        page = await client.SubmitAsync(url, new(Answer("Withdrawn", "InWriting")) { ["Input.DecidedAt"] = "2026-11-16T11:00" });
        Assert.Equal("Retiré le 16/11/2026", page.MatrixState("Téléphone"));

        page = await client.SubmitAsync(url, Answer("Granted", "LegalRepresentative"));
        Assert.Equal("Accordé depuis le 23/11/2026", page.MatrixState("Téléphone"));
        Assert.Equal("Jamais recueilli", page.MatrixState("Visioconférence"));

        var stored = await Factory.WithDbAsync(db => db.Consents.Where(c => c.PersonId == person.Id).OrderBy(c => c.DecidedAt)
            .Select(c => c.Decision).ToListAsync());
        Assert.Equal([ConsentDecision.Refused, ConsentDecision.Granted, ConsentDecision.Withdrawn, ConsentDecision.Granted], stored);
        var journal = await Factory.WithDbAsync(db => db.ActivityLog.CountAsync(a => a.PersonId == person.Id && a.Kind == ActivityKind.ConsentRecorded));
        Assert.Equal(4, journal);

        var history = await client.GetAsync($"/Consents/History/{person.Id}");
        var shown = history.Document.QuerySelectorAll("table.consent-history tbody tr").Select(r => r.QuerySelectorAll("td")[2].TextContent.Trim());
        Assert.Equal(["Accordé", "Retiré", "Accordé", "Refusé"], shown);
    }

    [Fact]
    public async Task A_backdated_answer_counts_from_the_day_it_was_given()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Consents/Record/{person.Id}?modality=AudioConference",
            new(Answer("Granted")) { ["Input.DecidedAt"] = "2026-11-10T14:30" });

        Assert.Equal("Accordé depuis le 10/11/2026", page.MatrixState("Audioconférence"));
        var record = await Factory.WithDbAsync(db => db.Consents.SingleAsync(c => c.PersonId == person.Id));
        Assert.Equal(new DateTimeOffset(2026, 11, 10, 13, 30, 0, TimeSpan.Zero), record.DecidedAt);
        Assert.Equal(TestClock.Start, record.RecordedAt);
    }

    [Fact]
    public async Task Withdrawing_what_was_never_granted_is_refused_and_nothing_is_stored()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Consents/Record/{person.Id}?modality=Video", Answer("Withdrawn", comment: "Ne veut plus."));

        Assert.Equal($"/Consents/Record/{person.Id}", page.Url.AbsolutePath);
        Assert.Contains("il n'y a rien à retirer. Enregistrez plutôt un refus.", page.Summary);
        Assert.Equal("Ne veut plus.", page.ValueOf("Input.Comment"));
        Assert.Equal(0, await ConsentData.CountAnswersAsync(Factory, person.Id));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ActivityLog.CountAsync(a => a.PersonId == person.Id)));
    }

    [Fact]
    public async Task Taking_back_a_grant_must_be_recorded_as_a_withdrawal()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentData.AddAnswerAsync(Factory, person, World.Worker56, Modality.Sms, ConsentDecision.Granted, TestClock.Start.AddDays(-10));
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Consents/Record/{person.Id}?modality=Sms", Answer("Refused"));

        Assert.Contains("Si elle ne le souhaite plus, enregistrez un retrait.", page.Summary);
        Assert.Equal(1, await ConsentData.CountAnswersAsync(Factory, person.Id));
    }

    [Fact]
    public async Task Empty_choices_get_a_message_next_to_each_field()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Consents/Record/{person.Id}",
            new() { ["Input.Modality"] = "", ["Input.Method"] = "", ["Input.DecidedAt"] = "" });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Choisissez la modalité concernée.", page.ErrorFor("Input.Modality"));
        Assert.Equal("Indiquez la réponse de la personne.", page.ErrorFor("Input.Decision"));
        Assert.Equal("Indiquez la date et l'heure de la réponse.", page.ErrorFor("Input.DecidedAt"));
        Assert.Equal("Indiquez comment la réponse a été recueillie.", page.ErrorFor("Input.Method"));
        Assert.Equal("true", page.Document.QuerySelector("#Input_Modality")!.GetAttribute("aria-invalid"));
        Assert.Equal(0, await ConsentData.CountAnswersAsync(Factory, person.Id));
    }

    [Theory]
    [InlineData("Input.Modality", "Fax", "Cette modalité n'existe pas : choisissez-en une dans la liste.")]
    [InlineData("Input.Modality", "2", "Cette modalité n'existe pas : choisissez-en une dans la liste.")]
    [InlineData("Input.Decision", "Maybe", "Cette réponse n'existe pas : choisissez accordé, refusé ou retiré.")]
    [InlineData("Input.Method", "Telepathy", "Cette façon de recueillir la réponse n'existe pas : choisissez-en une dans la liste.")]
    [InlineData("Input.DecidedAt", "demain matin", "Cette date ou cette heure n'est pas valide.")]
    [InlineData("Input.DecidedAt", "2026-02-30T10:00", "Cette date ou cette heure n'est pas valide.")]
    [InlineData("Input.DecidedAt", "1999-12-31T10:00", "Cette date semble erronée : vérifiez l'année.")]
    [InlineData("Input.DecidedAt", "0001-01-01T00:30", "Cette date semble erronée : vérifiez l'année.")]
    [InlineData("Input.DecidedAt", "9999-12-31T23:59", "La réponse ne peut pas être datée dans le futur.")]
    [InlineData("Input.DecidedAt", "2026-11-23T10:01", "La réponse ne peut pas être datée dans le futur.")]
    [InlineData("Input.DecidedAt", "2027-01-15T10:00", "La réponse ne peut pas être datée dans le futur.")]
    [InlineData("Input.Comment", "<script>alert(1)</script>", "Le commentaire ne peut contenir ni les signes < et >, ni de caractères invisibles.")]
    [InlineData("Input.Comment", "D'accord\u202Enon", "Le commentaire ne peut contenir ni les signes < et >, ni de caractères invisibles.")]
    [InlineData("Input.Comment", "D'accord\u0007", "Le commentaire ne peut contenir ni les signes < et >, ni de caractères invisibles.")]
    public async Task Bad_input_gets_a_french_message_next_to_the_field_and_nothing_is_stored(string field, string value, string message)
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Consents/Record/{person.Id}?modality=Phone", new(Answer("Granted")) { [field] = value });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(message, page.ErrorFor(field));
        Assert.Equal(0, await ConsentData.CountAnswersAsync(Factory, person.Id));
    }

    [Fact]
    public async Task A_comment_longer_than_500_characters_is_refused()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Consents/Record/{person.Id}?modality=Phone", Answer("Granted", comment: new string('a', 501)));

        Assert.Equal("Le commentaire ne peut pas dépasser 500 caractères.", page.ErrorFor("Input.Comment"));
        Assert.Equal(0, await ConsentData.CountAnswersAsync(Factory, person.Id));

        var ok = await client.SubmitAsync($"/Consents/Record/{person.Id}?modality=Phone", Answer("Granted", comment: new string('a', 500)));
        Assert.Equal($"/Persons/Details/{person.Id}", ok.Url.AbsolutePath);
        Assert.Equal(1, await ConsentData.CountAnswersAsync(Factory, person.Id));
    }

    [Fact]
    public async Task A_team_lead_and_a_colleague_of_the_team_may_record_an_answer()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var lead = await SignInAsync(World.Lead56);
        var page = await lead.SubmitAsync($"/Consents/Record/{person.Id}?modality=Phone", Answer("Granted"));
        Assert.Equal("Accordé depuis le 23/11/2026", page.MatrixState("Téléphone"));

        var colleague = await SignInAsync(World.Colleague56);
        page = await colleague.SubmitAsync($"/Consents/Record/{person.Id}?modality=Sms", Answer("Refused"));
        Assert.Equal("Refusé le 23/11/2026", page.MatrixState("SMS"));

        var recorders = await Factory.WithDbAsync(db => db.Consents.Where(c => c.PersonId == person.Id).Select(c => c.RecordedById).ToListAsync());
        Assert.Equal(new[] { World.Lead56.Id, World.Colleague56.Id }.Order(), recorders.Order());
    }

    [Fact]
    public async Task A_user_of_another_department_gets_404_and_nothing_is_stored()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var owner = await SignInAsync(World.Worker56);
        var form = await owner.GetAsync($"/Consents/Record/{person.Id}?modality=Phone");
        var outsider = await SignInAsync(World.Worker29);

        var get = await outsider.GetAsync($"/Consents/Record/{person.Id}?modality=Phone");
        Assert.Equal(HttpStatusCode.NotFound, get.Status);

        // A post with a valid antiforgery token of the outsider's own session, aimed at the other department's person.
        var ownForm = await outsider.GetAsync($"/Consents/Record/{(await World.AddPersonAsync(Factory, World.Worker29)).Id}");
        var token = ownForm.ValueOf("__RequestVerificationToken")!;
        var post = await outsider.PostAsync($"/Consents/Record/{person.Id}",
            [("__RequestVerificationToken", token), ("Input.Modality", "Phone"), ("Input.Decision", "Granted"),
             ("Input.DecidedAt", "2026-11-23T09:00"), ("Input.Method", "InPerson")]);
        Assert.Equal(HttpStatusCode.NotFound, post.Status);

        var lead = await SignInAsync(World.Lead29);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/Consents/Record/{person.Id}")).Status);

        Assert.Equal(0, await ConsentData.CountAnswersAsync(Factory, person.Id));
        Assert.Equal(HttpStatusCode.OK, form.Status);
    }

    [Fact]
    public async Task A_worker_of_another_team_gets_404()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var other = await SignInAsync(World.OtherTeamWorker56);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Consents/Record/{person.Id}")).Status);
    }

    [Fact]
    public async Task An_unknown_person_gets_404()
    {
        var client = await SignInAsync(World.Worker56);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Consents/Record/{Guid.NewGuid()}")).Status);
    }

    [Fact]
    public async Task Recording_for_a_closed_follow_up_still_keeps_the_history()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56, p => p.Close("Déménagement", TestClock.Start.AddDays(-1)));
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitAsync($"/Consents/Record/{person.Id}?modality=Phone", Answer("Refused"));
        Assert.Equal(PersonStatus.Closed, (await Factory.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == person.Id))).Status);
        Assert.Equal("Refusé le 23/11/2026", page.MatrixState("Téléphone"));
    }
}
