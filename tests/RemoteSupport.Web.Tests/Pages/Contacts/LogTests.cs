using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Tests.Infrastructure;
using static RemoteSupport.Web.Tests.Pages.Interviews.AgendaArrange;

namespace RemoteSupport.Web.Tests.Pages.Contacts;

public sealed class LogTests(AppFactory factory) : WebTest(factory)
{
    private static Dictionary<string, string> Form(string kind, string direction, string summary, string at = "2026-11-23T09:30") => new()
    {
        ["Input.Kind"] = kind, ["Input.Direction"] = direction, ["Input.OccurredAt"] = at, ["Input.Summary"] = summary,
    };

    private Task<List<ActivityLogEntry>> ContactsOfAsync(Guid personId) =>
        Factory.WithDbAsync(db => db.ActivityLog.Where(a => a.PersonId == personId && a.Kind == ActivityKind.ContactLogged).ToListAsync());

    private Task<AccompaniedPerson> PersonAsync(Guid id) => Factory.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == id));

    [Fact]
    public async Task The_form_opens_with_the_current_time()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var page = await (await SignInAsync(World.Worker56)).GetAsync($"/Contacts/Log/{person.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Noter un contact avec Rozenn Kerjean", page.Text);
        Assert.Equal("2026-11-23T10:00", page.ValueOf("Input.OccurredAt"));
    }

    [Fact]
    public async Task An_incoming_call_is_stored_in_the_journal_and_updates_the_last_contact()
    {
        // No consent at all: the person called, so the call is recorded anyway.
        var person = await World.AddPersonAsync(Factory, World.Worker56, p => p.LastContactAt = TestClock.Start.AddDays(-20));
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Contacts/Log/{person.Id}", Form("Call", "Incoming", "  Question sur le courrier de la CAF.  "));

        Assert.Equal($"/Persons/Details/{person.Id}", page.Url.AbsolutePath);
        Assert.Equal("Le contact a été noté dans le journal.", page.Flash);
        Assert.Contains("Appel reçu : Question sur le courrier de la CAF.", page.Text);
        var entry = Assert.Single(await ContactsOfAsync(person.Id));
        Assert.Equal("Appel reçu : Question sur le courrier de la CAF.", entry.Description);
        Assert.Equal(Modality.Phone, entry.Modality);
        Assert.Equal(World.Worker56.Id, entry.ActorId);
        Assert.Equal(Local(2026, 11, 23, 9, 30), entry.At);
        Assert.Equal(Local(2026, 11, 23, 9, 30), (await PersonAsync(person.Id)).LastContactAt);
    }

    [Fact]
    public async Task An_outgoing_sms_without_consent_is_refused_with_the_reason()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, Modality.Phone, ConsentDecision.Granted, TestClock.Start.AddDays(-30));
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Contacts/Log/{person.Id}", Form("Sms", "Outgoing", "Rappel du rendez-vous de jeudi."));

        Assert.Equal($"/Contacts/Log/{person.Id}", page.Url.AbsolutePath);
        Assert.Contains("La personne n'a pas encore donné son accord pour un échange par SMS", page.Summary);
        Assert.Equal("Rappel du rendez-vous de jeudi.", page.ValueOf("Input.Summary"));
        Assert.Empty(await ContactsOfAsync(person.Id));
        Assert.Null((await PersonAsync(person.Id)).LastContactAt);
    }

    [Fact]
    public async Task An_outgoing_call_after_the_phone_consent_was_withdrawn_is_refused()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, Modality.Phone, ConsentDecision.Granted, TestClock.Start.AddDays(-30));
        await ConsentAsync(Factory, person, Modality.Phone, ConsentDecision.Withdrawn, TestClock.Start.AddDays(-2));

        var page = await (await SignInAsync(World.Worker56)).SubmitAsync($"/Contacts/Log/{person.Id}", Form("Call", "Outgoing", "Prise de nouvelles."));

        Assert.Contains("a retiré son accord pour les échanges par téléphone le 21/11/2026", page.Summary);
        Assert.Empty(await ContactsOfAsync(person.Id));
    }

    [Fact]
    public async Task An_outgoing_sms_with_consent_and_an_incoming_sms_without_are_both_recorded()
    {
        var withConsent = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, withConsent, Modality.Sms, ConsentDecision.Granted, TestClock.Start.AddDays(-30));
        var withoutConsent = await World.AddPersonAsync(Factory, World.Worker56, p => p.FirstName = "Loïc");
        var client = await SignInAsync(World.Worker56);

        await client.SubmitAsync($"/Contacts/Log/{withConsent.Id}", Form("Sms", "Outgoing", "Confirmation du rendez-vous."));
        await client.SubmitAsync($"/Contacts/Log/{withoutConsent.Id}", Form("Sms", "Incoming", "Envoie une photo de son attestation."));

        Assert.Equal("SMS envoyé : Confirmation du rendez-vous.", Assert.Single(await ContactsOfAsync(withConsent.Id)).Description);
        var incoming = Assert.Single(await ContactsOfAsync(withoutConsent.Id));
        Assert.Equal("SMS reçu : Envoie une photo de son attestation.", incoming.Description);
        Assert.Equal(Modality.Sms, incoming.Modality);
    }

    [Fact]
    public async Task An_outgoing_sms_in_the_quiet_period_asks_for_confirmation_and_the_confirmation_is_journaled()
    {
        // The department's « période sans SMS » runs from 19:00 to 08:30 by default; 07:45 falls inside it.
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, Modality.Sms, ConsentDecision.Granted, TestClock.Start.AddDays(-30));
        var client = await SignInAsync(World.Worker56);

        var warned = await client.SubmitAsync($"/Contacts/Log/{person.Id}", Form("Sms", "Outgoing", "Rappel du rendez-vous", "2026-11-23T07:45"));

        Assert.Equal($"/Contacts/Log/{person.Id}", warned.Url.AbsolutePath);
        Assert.Contains("pendant la période sans SMS du département (de 19:00 à 08:30)", warned.ErrorFor("Input.ConfirmQuietTime"));
        Assert.Empty(await ContactsOfAsync(person.Id));
        Assert.Equal("Rappel du rendez-vous", warned.ValueOf("Input.Summary"));

        var logged = await client.SubmitFormAsync(warned, new() { ["Input.ConfirmQuietTime"] = "true" });

        Assert.Equal("Le contact a été noté dans le journal.", logged.Flash);
        var entry = Assert.Single(await ContactsOfAsync(person.Id));
        Assert.Equal("SMS envoyé : Rappel du rendez-vous (envoyé pendant la période sans SMS du département ; envoi confirmé)", entry.Description);
        Assert.Equal(Local(2026, 11, 23, 7, 45), entry.At);
    }

    [Fact]
    public async Task An_outgoing_sms_outside_the_quiet_period_needs_no_confirmation()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, Modality.Sms, ConsentDecision.Granted, TestClock.Start.AddDays(-30));
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Contacts/Log/{person.Id}", Form("Sms", "Outgoing", "Rappel", "2026-11-23T09:30"));

        Assert.Equal("Le contact a été noté dans le journal.", page.Flash);
        Assert.Equal("SMS envoyé : Rappel", Assert.Single(await ContactsOfAsync(person.Id)).Description);
    }

    [Fact]
    public async Task An_email_needs_no_modality_consent()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);

        await (await SignInAsync(World.Worker56)).SubmitAsync($"/Contacts/Log/{person.Id}", Form("Email", "Outgoing", "Envoi de la liste des pièces."));

        var entry = Assert.Single(await ContactsOfAsync(person.Id));
        Assert.Equal("Courriel envoyé : Envoi de la liste des pièces.", entry.Description);
        Assert.Null(entry.Modality);
    }

    [Fact]
    public async Task An_older_contact_does_not_move_the_last_contact_back()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56, p => p.LastContactAt = TestClock.Start.AddDays(-1));

        await (await SignInAsync(World.Worker56)).SubmitAsync($"/Contacts/Log/{person.Id}", Form("Call", "Incoming", "Appel oublié la semaine dernière.", "2026-11-16T14:00"));

        Assert.Single(await ContactsOfAsync(person.Id));
        Assert.Equal(TestClock.Start.AddDays(-1), (await PersonAsync(person.Id)).LastContactAt);
    }

    [Fact]
    public async Task Empty_fields_get_a_french_message_next_to_each()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var page = await (await SignInAsync(World.Worker56)).SubmitAsync($"/Contacts/Log/{person.Id}", Form("", "", "   ", ""));

        Assert.Equal("Choisissez le type de contact : appel, SMS ou courriel.", page.ErrorFor("Input.Kind"));
        Assert.Equal("Indiquez si le contact a été reçu ou émis.", page.ErrorFor("Input.Direction"));
        Assert.Equal("Indiquez la date et l'heure du contact.", page.ErrorFor("Input.OccurredAt"));
        Assert.Equal("Résumez le contact en quelques mots.", page.ErrorFor("Input.Summary"));
        Assert.Equal("true", page.Document.QuerySelector("#Input_Summary")!.GetAttribute("aria-invalid"));
        Assert.Empty(await ContactsOfAsync(person.Id));
    }

    [Theory]
    [InlineData("Input.Kind", "Pigeon", "Choisissez le type de contact : appel, SMS ou courriel.")]
    [InlineData("Input.Kind", "1", "Choisissez le type de contact : appel, SMS ou courriel.")]
    [InlineData("Input.Direction", "Sideways", "Indiquez si le contact a été reçu ou émis.")]
    [InlineData("Input.OccurredAt", "2026-11-23T10:30", "Le contact ne peut pas être dans le futur.")]
    [InlineData("Input.OccurredAt", "2026-02-30T10:00", "Saisissez une date et une heure valides, par exemple 24/11/2026 à 14:30.")]
    [InlineData("Input.OccurredAt", "0001-01-01T00:00", "Saisissez une date et une heure valides, par exemple 24/11/2026 à 14:30.")]
    [InlineData("Input.OccurredAt", "hier", "Saisissez une date et une heure valides, par exemple 24/11/2026 à 14:30.")]
    [InlineData("Input.OccurredAt", "2024-11-23T10:00", "Un contact de plus d'un an ne se note plus ici.")]
    [InlineData("Input.Summary", "Appel\u202Einversé", "Le résumé contient des caractères non autorisés.")]
    [InlineData("Input.Summary", "Bip\u0007", "Le résumé contient des caractères non autorisés.")]
    public async Task Bad_input_is_refused_next_to_its_field(string field, string value, string message)
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var form = Form("Call", "Incoming", "Un résumé correct.");
        form[field] = value;

        var page = await (await SignInAsync(World.Worker56)).SubmitAsync($"/Contacts/Log/{person.Id}", form);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(message, page.ErrorFor(field));
        Assert.Empty(await ContactsOfAsync(person.Id));
    }

    [Fact]
    public async Task A_summary_longer_than_1000_characters_is_refused()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var page = await (await SignInAsync(World.Worker56)).SubmitAsync($"/Contacts/Log/{person.Id}", Form("Call", "Incoming", new string('a', 1001)));
        Assert.Equal("Le résumé ne peut pas dépasser 1\u00A0000 caractères.", page.ErrorFor("Input.Summary"));
        Assert.Empty(await ContactsOfAsync(person.Id));
    }

    [Fact]
    public async Task Markup_in_the_summary_is_stored_as_text_and_shown_encoded()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var page = await (await SignInAsync(World.Worker56)).SubmitAsync($"/Contacts/Log/{person.Id}", Form("Call", "Incoming", "<script>alert(1)</script>"));
        Assert.Contains("Appel reçu : <script>alert(1)</script>", page.Text);
        Assert.DoesNotContain("<script>alert(1)</script>", page.Html);
    }

    [Fact]
    public async Task A_worker_of_another_department_or_team_gets_404_and_nothing_is_stored()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        foreach (var outsider in new[] { World.Worker29, World.Lead29, World.OtherTeamWorker56 })
        {
            var client = await SignInAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Contacts/Log/{person.Id}")).Status);
            // A valid antiforgery token from a page they may open, posted to the other person's form.
            var own = await client.GetAsync("/Persons/Create");
            var token = own.ValueOf("__RequestVerificationToken")!;
            var post = await client.PostAsync($"/Contacts/Log/{person.Id}",
                [("__RequestVerificationToken", token), ("Input.Kind", "Call"), ("Input.Direction", "Incoming"), ("Input.OccurredAt", "2026-11-23T09:30"), ("Input.Summary", "Intrusion")]);
            Assert.Equal(HttpStatusCode.NotFound, post.Status);
        }
        Assert.Empty(await ContactsOfAsync(person.Id));
        Assert.Null((await PersonAsync(person.Id)).LastContactAt);
    }

    [Fact]
    public async Task A_colleague_of_the_team_and_the_team_lead_may_log_a_contact()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await (await SignInAsync(World.Colleague56)).SubmitAsync($"/Contacts/Log/{person.Id}", Form("Call", "Incoming", "Appel pendant l'absence de la référente."));
        await (await SignInAsync(World.Lead56)).SubmitAsync($"/Contacts/Log/{person.Id}", Form("Email", "Incoming", "Courriel transmis par l'accueil."));
        var entries = await ContactsOfAsync(person.Id);
        Assert.Equal([World.Colleague56.Id, World.Lead56.Id], entries.OrderBy(e => e.Id).Select(e => e.ActorId));
    }
}
