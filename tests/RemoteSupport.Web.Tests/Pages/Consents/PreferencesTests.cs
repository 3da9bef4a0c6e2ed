using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Consents;

public sealed class PreferencesTests(AppFactory factory) : WebTest(factory)
{
    private static List<(string Name, string Value)> Form(string phone = "", string audio = "", string video = "", string sms = "",
        string[]? days = null, string from = "", string until = "", string note = "", string frequency = "30")
    {
        var fields = new List<(string, string)>
        {
            ("Input.Ranks[Phone]", phone), ("Input.Ranks[AudioConference]", audio), ("Input.Ranks[Video]", video), ("Input.Ranks[Sms]", sms),
            ("Input.TimeFrom", from), ("Input.TimeUntil", until), ("Input.Note", note), ("Input.FrequencyDays", frequency),
        };
        fields.AddRange((days ?? []).Select(d => ("Input.Days", d)));
        return fields;
    }

    [Fact]
    public async Task The_form_shows_the_current_preferences()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56, p =>
        {
            p.PreferredModalities = [Modality.Sms, Modality.Phone];
            p.PreferredDays = [2, 4];
            p.PreferredTimeFrom = new TimeOnly(9, 30);
            p.PreferredTimeUntil = new TimeOnly(16, 0);
            p.PreferredContactNote = "Laisser sonner longtemps.";
            p.ContactFrequencyDays = 21;
        });
        var client = await SignInAsync(World.Worker56);

        var page = await client.GetAsync($"/Consents/Preferences/{person.Id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("2", page.ValueOf("Input.Ranks[Phone]"));
        Assert.Equal("1", page.ValueOf("Input.Ranks[Sms]"));
        Assert.Equal("", page.ValueOf("Input.Ranks[Video]"));
        var checkedDays = page.Document.QuerySelectorAll("input[name='Input.Days'][checked]").Select(e => e.GetAttribute("value")).ToList();
        Assert.Equal(["2", "4"], checkedDays);
        Assert.Equal("09:30", page.ValueOf("Input.TimeFrom"));
        Assert.Equal("16:00", page.ValueOf("Input.TimeUntil"));
        Assert.Equal("Laisser sonner longtemps.", page.ValueOf("Input.Note"));
        Assert.Equal("21", page.ValueOf("Input.FrequencyDays"));
    }

    [Fact]
    public async Task Saving_stores_the_preferences_in_order_and_the_person_page_shows_them()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitManyAsync($"/Consents/Preferences/{person.Id}",
            Form(phone: "2", video: "1", sms: "3", days: ["1", "3"], from: "09:30", until: "12:00", note: "Éviter le mercredi après-midi.", frequency: "14"));

        Assert.Equal($"/Persons/Details/{person.Id}", page.Url.AbsolutePath);
        Assert.Equal("Les préférences de contact ont été enregistrées.", page.Flash);
        var section = page.Document.QuerySelector(".person-consents")!.TextContent;
        Assert.Contains("visioconférence, puis téléphone, puis SMS", section);
        Assert.Contains("lundi, mercredi", section);
        Assert.Contains("de 09:30 à 12:00", section);
        Assert.Contains("tous les 14 jours", section);
        Assert.Contains("Éviter le mercredi après-midi.", section);

        var stored = await Factory.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == person.Id));
        Assert.Equal([Modality.Video, Modality.Phone, Modality.Sms], stored.PreferredModalities);
        Assert.Equal([1, 3], stored.PreferredDays);
        Assert.Equal(new TimeOnly(9, 30), stored.PreferredTimeFrom);
        Assert.Equal(new TimeOnly(12, 0), stored.PreferredTimeUntil);
        Assert.Equal("Éviter le mercredi après-midi.", stored.PreferredContactNote);
        Assert.Equal(14, stored.ContactFrequencyDays);

        var entry = await Factory.WithDbAsync(db => db.ActivityLog.SingleAsync(a => a.PersonId == person.Id));
        Assert.Equal(ActivityKind.ContactPreferencesUpdated, entry.Kind);
        Assert.Equal("Préférences de contact modifiées : modalités préférées, jours, horaires, remarque, fréquence convenue (tous les 14 jours).", entry.Description);
        Assert.DoesNotContain("mercredi après-midi", entry.Description);
    }

    [Fact]
    public async Task Preferences_can_be_cleared()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56, p =>
        {
            p.PreferredModalities = [Modality.Phone];
            p.PreferredDays = [1];
            p.PreferredTimeFrom = new TimeOnly(9, 0);
            p.PreferredTimeUntil = new TimeOnly(11, 0);
            p.PreferredContactNote = "Le matin.";
        });
        var client = await SignInAsync(World.Worker56);

        var form = await client.GetAsync($"/Consents/Preferences/{person.Id}");
        // A browser sends no Input.Days at all when every box is unchecked.
        var page = await client.PostAsync($"/Consents/Preferences/{person.Id}",
            [("__RequestVerificationToken", form.ValueOf("__RequestVerificationToken")!), ("Version", form.ValueOf("Version")!), .. Form()]);

        var section = page.Document.QuerySelector(".person-consents")!.TextContent;
        Assert.Contains("non précisées", section);
        Assert.Contains("tous les jours ouvrés", section);
        Assert.Contains("pas de préférence", section);
        var stored = await Factory.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == person.Id));
        Assert.Empty(stored.PreferredModalities);
        Assert.Empty(stored.PreferredDays);
        Assert.Null(stored.PreferredTimeFrom);
        Assert.Null(stored.PreferredTimeUntil);
        Assert.Null(stored.PreferredContactNote);
    }

    [Fact]
    public async Task Saving_without_any_change_writes_nothing_to_the_journal()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitManyAsync($"/Consents/Preferences/{person.Id}", []);

        Assert.Equal("Aucune préférence n'a changé.", page.Flash);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ActivityLog.CountAsync(a => a.PersonId == person.Id)));
    }

    [Fact]
    public async Task Two_modalities_with_the_same_rank_are_refused()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitManyAsync($"/Consents/Preferences/{person.Id}", Form(phone: "1", sms: "1", video: "2"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Plusieurs modalités sont au rang 1 : donnez un rang différent à chacune.", page.ErrorFor("Input.Ranks"));
        Assert.Equal("true", page.Document.QuerySelector("#rank-Phone")!.GetAttribute("aria-invalid"));
        // What was typed is kept.
        Assert.Equal("1", page.ValueOf("Input.Ranks[Sms]"));
        Assert.Equal("2", page.ValueOf("Input.Ranks[Video]"));
        Assert.Empty((await Factory.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == person.Id))).PreferredModalities);
    }

    [Theory]
    [InlineData("Input.TimeUntil", "from=09:00", "Indiquez aussi l'heure de fin, ou effacez l'heure de début.")]
    [InlineData("Input.TimeFrom", "until=12:00", "Indiquez aussi l'heure de début, ou effacez l'heure de fin.")]
    [InlineData("Input.TimeUntil", "from=14:00;until=14:00", "L'heure de fin doit être après l'heure de début.")]
    [InlineData("Input.TimeUntil", "from=14:00;until=09:00", "L'heure de fin doit être après l'heure de début.")]
    [InlineData("Input.TimeFrom", "from=25:00;until=26:00", "Cette heure n'est pas valide.")]
    [InlineData("Input.FrequencyDays", "frequency=0", "La fréquence convenue est un nombre de jours entre 1 et 365.")]
    [InlineData("Input.FrequencyDays", "frequency=366", "La fréquence convenue est un nombre de jours entre 1 et 365.")]
    [InlineData("Input.FrequencyDays", "frequency=-5", "La fréquence convenue est un nombre de jours entre 1 et 365.")]
    [InlineData("Input.FrequencyDays", "frequency=deux", "La fréquence convenue est un nombre de jours entre 1 et 365.")]
    [InlineData("Input.FrequencyDays", "frequency=", "Indiquez tous les combien de jours vous avez convenu de prendre contact.")]
    [InlineData("Input.Note", "note=<img src=x>", "La remarque ne peut contenir ni les signes < et >, ni de caractères invisibles.")]
    [InlineData("Input.Note", "note=matin\u200B", "La remarque ne peut contenir ni les signes < et >, ni de caractères invisibles.")]
    [InlineData("Input.Ranks", "phone=9", "Choisissez pour chaque modalité un rang de la liste, ou « pas de préférence ».")]
    [InlineData("Input.Ranks", "phone=premier", "Choisissez pour chaque modalité un rang de la liste, ou « pas de préférence ».")]
    public async Task Bad_input_gets_a_french_message_next_to_the_field_and_nothing_changes(string field, string values, string message)
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        var args = values.Split(';').Select(v => v.Split('=', 2)).ToDictionary(v => v[0], v => v[1]);

        var page = await client.SubmitManyAsync($"/Consents/Preferences/{person.Id}", Form(
            phone: args.GetValueOrDefault("phone", ""), from: args.GetValueOrDefault("from", ""), until: args.GetValueOrDefault("until", ""),
            note: args.GetValueOrDefault("note", ""), frequency: args.GetValueOrDefault("frequency", "30")));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(message, page.ErrorFor(field));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ActivityLog.CountAsync(a => a.PersonId == person.Id)));
    }

    [Fact]
    public async Task A_note_longer_than_300_characters_is_refused()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitManyAsync($"/Consents/Preferences/{person.Id}", Form(note: new string('x', 301)));
        Assert.Equal("La remarque ne peut pas dépasser 300 caractères.", page.ErrorFor("Input.Note"));
    }

    [Fact]
    public async Task Tampered_days_and_modalities_are_refused()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitManyAsync($"/Consents/Preferences/{person.Id}", Form(days: ["1", "8"]));
        Assert.Equal("Un des jours choisis n'existe pas : cochez des jours de la liste.", page.ErrorFor("Input.Days"));

        page = await client.SubmitManyAsync($"/Consents/Preferences/{person.Id}", [.. Form(), ("Input.Ranks[Fax]", "1")]);
        Assert.Equal("Une des modalités envoyées n'existe pas : rechargez la page.", page.ErrorFor("Input.Ranks"));

        Assert.Equal(0, await Factory.WithDbAsync(db => db.ActivityLog.CountAsync(a => a.PersonId == person.Id)));
    }

    [Fact]
    public async Task A_change_made_meanwhile_by_someone_else_is_not_overwritten()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        var form = await client.GetAsync($"/Consents/Preferences/{person.Id}");

        await Factory.WithDbAsync(async db =>
        {
            var stored = await db.Persons.SingleAsync(p => p.Id == person.Id);
            stored.SetContactPreferences(stored.PreferredModalities, stored.PreferredWindow, stored.PreferredContactNote, 7);
            await db.SaveChangesAsync();
        });
        var page = await client.SubmitFormManyAsync(form, Form(phone: "1", frequency: "30"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Quelqu'un d'autre a modifié ces informations", page.Summary);
        var stored = await Factory.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == person.Id));
        Assert.Equal(7, stored.ContactFrequencyDays);
        Assert.Empty(stored.PreferredModalities);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ActivityLog.CountAsync(a => a.PersonId == person.Id)));
    }

    [Fact]
    public async Task A_tampered_version_is_a_conflict_not_an_error_page()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitManyAsync($"/Consents/Preferences/{person.Id}", [.. Form(phone: "1"), ("Version", "abc")]);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Quelqu'un d'autre a modifié ces informations", page.Summary);
        Assert.Empty((await Factory.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == person.Id))).PreferredModalities);
    }

    [Fact]
    public async Task The_form_shows_the_consent_of_each_modality_beside_its_rank()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentData.AddAnswerAsync(Factory, person, World.Worker56, Modality.Video, ConsentDecision.Refused, TestClock.Start.AddDays(-2));
        var client = await SignInAsync(World.Worker56);
        var page = await client.GetAsync($"/Consents/Preferences/{person.Id}");
        Assert.Contains("Refusé le 21/11/2026", page.Document.GetElementById("rank-Video-state")!.TextContent);
        Assert.Contains("Jamais recueilli", page.Document.GetElementById("rank-Phone-state")!.TextContent);
    }

    [Fact]
    public async Task Users_outside_the_department_or_the_team_get_404_and_nothing_changes()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var own = await World.AddPersonAsync(Factory, World.Worker29);
        var outsider = await SignInAsync(World.Worker29);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Consents/Preferences/{person.Id}")).Status);
        var ownForm = await outsider.GetAsync($"/Consents/Preferences/{own.Id}");
        var token = ownForm.ValueOf("__RequestVerificationToken")!;
        var post = await outsider.PostAsync($"/Consents/Preferences/{person.Id}",
            [("__RequestVerificationToken", token), ("Version", ownForm.ValueOf("Version")!), ("Input.Ranks[Phone]", "1"), ("Input.FrequencyDays", "5")]);
        Assert.Equal(HttpStatusCode.NotFound, post.Status);

        var otherTeam = await SignInAsync(World.OtherTeamWorker56);
        Assert.Equal(HttpStatusCode.NotFound, (await otherTeam.GetAsync($"/Consents/Preferences/{person.Id}")).Status);

        var stored = await Factory.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == person.Id));
        Assert.Empty(stored.PreferredModalities);
        Assert.Equal(30, stored.ContactFrequencyDays);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ActivityLog.CountAsync(a => a.PersonId == person.Id)));
    }
}
