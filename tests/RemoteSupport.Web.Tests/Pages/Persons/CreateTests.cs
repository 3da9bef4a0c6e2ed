using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Persons;

public sealed class CreateTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task A_worker_creates_a_person_in_their_own_caseload_with_every_field()
    {
        var client = await SignInAsync(World.Worker56);
        var form = await client.GetAsync("/Persons/Create");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Null(form.Document.QuerySelector("select[name='ReferentId']"));

        var page = await client.SubmitFormManyAsync(form, PersonForm.Complete());

        var person = await Factory.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync());
        Assert.Equal($"/Persons/Details/{person.Id}", page.Url.AbsolutePath);
        Assert.Equal("La fiche de la personne a été créée.", page.Flash);
        Assert.Equal((World.Cd56.Id, World.Worker56.Id), (person.DepartmentId, person.ReferentId));
        Assert.Equal(("Gwenola", "Le Dantec", new DateOnly(1958, 4, 17)), (person.FirstName, person.LastName, person.BirthDate));
        Assert.Equal("06 39 98 12 34", person.Phone);
        Assert.Equal("gwenola.ledantec@exemple.test", person.Email);
        Assert.Equal(("12 rue des Hortensias", "56000", "Vannes"), (person.Address, person.PostalCode, person.City));
        Assert.Equal([RemoteReason.GeographicDistance, RemoteReason.MobilityProblems], person.RemoteReasons);
        Assert.Equal(RiskLevel.High, person.RiskLevel);
        Assert.Equal(new DateOnly(2026, 10, 5), person.FirstFaceToFaceMeetingOn);
        Assert.Equal(14, person.ContactFrequencyDays);
        Assert.True(person.LivesAlone);
        Assert.Equal((true, false, true), (person.HasSmartphone, person.HasComputer, person.HasInternetAccess));
        Assert.Equal(DigitalSkills.None, person.DigitalSkills);
        Assert.Equal((true, "breton", true), (person.IsAllophone, person.Language, person.NeedsEasyToRead));
        Assert.Equal((PersonStatus.Active, TestClock.Start), (person.Status, person.CreatedAt));

        Assert.Contains("Gwenola Le Dantec", page.Text);
        Assert.Contains("06 39 98 12 34", page.Text);
        Assert.Contains("allophone, parle breton ; documents FALC", page.Text);
    }

    [Fact]
    public async Task A_language_typed_without_ticking_allophone_is_kept_and_shown()
    {
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitManyAsync("/Persons/Create", PersonForm.Complete(("Input.IsAllophone", "false"), ("Input.Language", "  breton ")));

        var person = await Factory.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync());
        Assert.Equal((false, "breton"), (person.IsAllophone, person.Language));
        Assert.Contains("français ; parle aussi breton", page.Text);
        var edit = await client.GetAsync($"/Persons/Edit/{person.Id}");
        Assert.Equal("breton", edit.ValueOf("Input.Language"));
    }

    [Fact]
    public async Task Creating_a_person_writes_the_first_entry_of_their_journal()
    {
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitManyAsync("/Persons/Create", PersonForm.Complete());

        var person = await Factory.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync());
        var entry = Assert.Single(await PersonForm.JournalAsync(Factory, person.Id));
        Assert.Equal(ActivityKind.PersonCreated, entry.Kind);
        Assert.Equal((World.Worker56.Id, TestClock.Start, World.Cd56.Id), (entry.ActorId, entry.At, entry.DepartmentId));
        var line = page.Document.QuerySelector(".journal li")!.TextContent;
        Assert.Contains("Création du dossier", line);
        Assert.Contains("Léa Travailleuse", line);
        Assert.Contains("23/11/2026 à 10:00", line);
    }

    [Fact]
    public async Task The_form_starts_with_the_department_contact_frequency()
    {
        await Factory.WithDbAsync(async db =>
        {
            (await db.Departments.SingleAsync(d => d.Id == World.Cd56.Id)).ChangeDefaultContactFrequency(21);
            await db.SaveChangesAsync();
        });
        var client = await SignInAsync(World.Worker56);
        var form = await client.GetAsync("/Persons/Create");
        Assert.Equal("21", form.ValueOf("Input.ContactFrequencyDays"));
    }

    [Fact]
    public async Task An_empty_form_gets_a_french_message_next_to_each_required_field()
    {
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitManyAsync("/Persons/Create", []);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/Persons/Create", page.Url.AbsolutePath);
        Assert.Equal("Saisissez le prénom.", page.ErrorFor("Input.FirstName"));
        Assert.Equal("Saisissez le nom.", page.ErrorFor("Input.LastName"));
        Assert.Equal("Indiquez au moins une raison du suivi à distance.", page.ErrorFor("Input.RemoteReasons"));
        Assert.Contains("Corrigez les champs signalés", page.Summary);
        Assert.Equal("true", page.Document.QuerySelector("#Input_FirstName")!.GetAttribute("aria-invalid"));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Persons.CountAsync()));
    }

    private static readonly (string Field, string Value, string ErrorField, string Message)[] BadInputs =
    [
        // field, value, field whose message we read, message
        ("Input.FirstName", "   ", "Input.FirstName", "Saisissez le prénom."),
        ("Input.FirstName", new string('a', 101), "Input.FirstName", "Le prénom ne peut pas dépasser 100 caractères."),
        ("Input.FirstName", new string('é', 100_000), "Input.FirstName", "Le prénom ne peut pas dépasser 100 caractères."),
        ("Input.FirstName", "<script>alert(1)</script>", "Input.FirstName", NameMessage("prénom")),
        ("Input.FirstName", "Léa\u202Egnol", "Input.FirstName", NameMessage("prénom")),
        ("Input.LastName", "Kerjean 😀", "Input.LastName", NameMessage("nom")),
        ("Input.LastName", "Ker\u200Bjean", "Input.LastName", NameMessage("nom")),
        ("Input.Phone", "12345", "Input.Phone", PhoneMessage),
        ("Input.Phone", "06 12 34 56 7x", "Input.Phone", PhoneMessage),
        ("Input.Phone", "٠٦١٢٣٤٥٦٧٨", "Input.Phone", PhoneMessage),
        ("Input.Phone", "+44 20 7946 0958", "Input.Phone", PhoneMessage),
        ("Input.Email", "pas-une-adresse", "Input.Email", EmailMessage),
        ("Input.Email", "lea@exemple", "Input.Email", EmailMessage),
        ("Input.Email", "lea\u0001@exemple.test", "Input.Email", EmailMessage),
        ("Input.Email", "lea\u200B@exemple.test", "Input.Email", EmailMessage),
        ("Input.Email", new string('a', 250) + "@exemple.test", "Input.Email", "L'adresse électronique ne peut pas dépasser 254 caractères."),
        ("Input.BirthDate", "2027-01-01", "Input.BirthDate", "La date de naissance ne peut pas être dans le futur."),
        ("Input.BirthDate", "1850-06-01", "Input.BirthDate", "La date de naissance doit être postérieure à 1900."),
        ("Input.BirthDate", "2024-02-30", "Input.BirthDate", DateMessage),
        ("Input.BirthDate", "31/02/1980", "Input.BirthDate", DateMessage),
        ("Input.BirthDate", "hier", "Input.BirthDate", DateMessage),
        ("Input.FirstFaceToFaceMeetingOn", "2026-12-25", "Input.FirstFaceToFaceMeetingOn", "La première rencontre ne peut pas être dans le futur."),
        ("Input.FirstFaceToFaceMeetingOn", "1957-01-01", "Input.FirstFaceToFaceMeetingOn", "La date de première rencontre semble erronée."),
        ("Input.FirstFaceToFaceMeetingOn", "2026-13-01", "Input.FirstFaceToFaceMeetingOn", DateMessage),
        ("Input.PostalCode", "5600", "Input.PostalCode", "Le code postal compte 5 chiffres."),
        ("Input.PostalCode", "５６０００", "Input.PostalCode", "Le code postal compte 5 chiffres."),
        ("Input.City", "<b>Vannes</b>", "Input.City", "La commune contient des caractères non autorisés."),
        ("Input.Address", new string('x', 201), "Input.Address", "L'adresse ne peut pas dépasser 200 caractères."),
        ("Input.Address", "12 rue\u0007 des Lilas", "Input.Address", "L'adresse contient des caractères non autorisés."),
        ("Input.RemoteReasons", "Nope", "Input.RemoteReasons", ChoiceMessage),
        ("Input.RemoteReasons", "42", "Input.RemoteReasons", ChoiceMessage),
        ("Input.RiskLevel", "Nope", "Input.RiskLevel", ChoiceMessage),
        ("Input.RiskLevel", "9", "Input.RiskLevel", ChoiceMessage),
        ("Input.DigitalSkills", "-1", "Input.DigitalSkills", ChoiceMessage),
        // A checkbox has no message of its own (a browser only ever sends "true"): the summary says the form was refused.
        ("Input.LivesAlone", "peut-être", "summary", "Le formulaire n'a pas été enregistré."),
        ("Input.ContactFrequencyDays", "0", "Input.ContactFrequencyDays", FrequencyMessage),
        ("Input.ContactFrequencyDays", "366", "Input.ContactFrequencyDays", FrequencyMessage),
        ("Input.ContactFrequencyDays", "abc", "Input.ContactFrequencyDays", NumberMessage),
        ("Input.ContactFrequencyDays", "", "Input.ContactFrequencyDays", NumberMessage),
        ("Input.ContactFrequencyDays", "99999999999999", "Input.ContactFrequencyDays", NumberMessage),
        ("Input.Language", "", "Input.Language", "Indiquez la langue parlée par la personne."),
        ("Input.Language", new string('l', 61), "Input.Language", "La langue ne peut pas dépasser 60 caractères."),
        ("Input.Language", "<i>breton</i>", "Input.Language", "La langue contient des caractères non autorisés."),
    ];

    [Fact]
    public async Task Bad_input_gets_a_french_message_next_to_its_field_and_never_a_server_error()
    {
        var client = await SignInAsync(World.Worker56);
        var form = await client.GetAsync("/Persons/Create");
        foreach (var (field, value, errorField, message) in BadInputs)
        {
            var page = await client.SubmitFormManyAsync(form, PersonForm.Complete((field, value)));
            var what = $"{field} = \"{(value.Length > 40 ? value[..40] + "…" : value)}\"";
            Assert.True(page.Status == HttpStatusCode.OK, $"{what}: {page.Status}");
            var shown = errorField == "summary" ? page.Summary?.Split('\n')[0] : page.ErrorFor(errorField);
            Assert.True(message == shown, $"{what}: expected \"{message}\", saw \"{shown}\"");
        }
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Persons.CountAsync()));
    }

    [Fact]
    public async Task A_NUL_character_is_turned_away_as_a_bad_request_not_a_server_error()
    {
        var client = await SignInAsync(World.Worker56);
        var form = await client.GetAsync("/Persons/Create");
        foreach (var field in new[] { "Input.FirstName", "Input.Email", "Input.Address" })
        {
            var page = await client.SubmitFormManyAsync(form, PersonForm.Complete((field, "Lé\0a")));
            // ASP.NET Core's form reader refuses an encoded NUL before the page runs; the French error page answers.
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.Contains("Revenir à l'accueil", page.Text);
        }
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Persons.CountAsync()));
    }

    [Fact]
    public async Task A_refused_form_keeps_what_was_typed()
    {
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitManyAsync("/Persons/Create", PersonForm.Complete(("Input.Phone", "12345")));
        Assert.Equal("Gwenola", page.ValueOf("Input.FirstName"));
        Assert.Equal("12345", page.ValueOf("Input.Phone"));
        Assert.Equal("High", page.ValueOf("Input.RiskLevel"));
        var checkedReasons = page.Document.QuerySelectorAll("input[name='Input.RemoteReasons'][checked]").Select(e => e.GetAttribute("value")).ToList();
        Assert.Equal(["GeographicDistance", "MobilityProblems"], checkedReasons);
    }

    [Fact]
    public async Task Names_in_any_alphabet_with_accents_and_apostrophes_are_accepted_and_shown_as_typed()
    {
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitManyAsync("/Persons/Create",
            PersonForm.Complete(("Input.FirstName", "Ðorđe-Anaïs"), ("Input.LastName", "N’Diaye Nguyễn"), ("Input.Phone", "+33 6 39 98 00 07")));

        var person = await Factory.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync());
        Assert.Equal(("Ðorđe-Anaïs", "N’Diaye Nguyễn", "06 39 98 00 07"), (person.FirstName, person.LastName, person.Phone));
        Assert.Contains("Ðorđe-Anaïs N’Diaye Nguyễn", page.Document.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_team_lead_chooses_the_referent_among_the_workers_of_the_department()
    {
        var client = await SignInAsync(World.Lead56);
        var form = await client.GetAsync("/Persons/Create");
        var choices = form.Document.QuerySelectorAll("select[name='ReferentId'] option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Contains("Hugo Collègue", choices);
        Assert.Contains("Inès Lorient", choices);
        Assert.DoesNotContain("Maël Finistère", choices);
        Assert.DoesNotContain("Nadia Cadre", choices);

        var page = await client.SubmitFormManyAsync(form, PersonForm.Complete(("ReferentId", World.Colleague56.Id.ToString())));

        var person = await Factory.WithDbAsync(db => db.Persons.AsNoTracking().SingleAsync());
        Assert.Equal(World.Colleague56.Id, person.ReferentId);
        Assert.Equal(World.Lead56.Id, Assert.Single(await PersonForm.JournalAsync(Factory, person.Id)).ActorId);
        Assert.Contains("Hugo Collègue", page.Text);
    }

    [Fact]
    public async Task A_team_lead_cannot_give_the_person_to_a_worker_of_another_department()
    {
        var client = await SignInAsync(World.Lead56);
        var form = await client.GetAsync("/Persons/Create");

        var missing = await client.SubmitFormManyAsync(form, PersonForm.Complete(("ReferentId", "")));
        Assert.Equal("Choisissez le travailleur social référent.", missing.ErrorFor("ReferentId"));
        var foreign = await client.SubmitFormManyAsync(form, PersonForm.Complete(("ReferentId", World.Worker29.Id.ToString())));
        Assert.Equal("Choisissez le travailleur social référent.", foreign.ErrorFor("ReferentId"));
        var tampered = await client.SubmitFormManyAsync(form, PersonForm.Complete(("ReferentId", "not-a-guid")));
        Assert.Equal(HttpStatusCode.OK, tampered.Status);
        Assert.Equal("Choisissez une valeur proposée dans la liste.", tampered.ErrorFor("ReferentId"));

        Assert.Equal(0, await Factory.WithDbAsync(db => db.Persons.CountAsync()));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_creates_nothing()
    {
        var client = await SignInAsync(World.Worker56);
        var page = await client.PostAsync("/Persons/Create", PersonForm.Complete());
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Persons.CountAsync()));
    }

    [Fact]
    public async Task An_administrator_who_follows_nobody_cannot_create_a_person()
    {
        var client = await SignInAsync(World.Admin56);
        var page = await client.GetAsync("/Persons/Create");
        Assert.Equal("/Account/AccessDenied", page.Url.AbsolutePath);
    }

    private static string NameMessage(string field) =>
        $"Le {field} ne peut contenir que des lettres, des espaces, des tirets et des apostrophes.";

    private const string PhoneMessage = "Saisissez un numéro de téléphone français à 10 chiffres, par exemple 06 12 34 56 78, ou au format +33.";
    private const string EmailMessage = "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.";
    private const string DateMessage = "Saisissez une date qui existe, au format jj/mm/aaaa.";
    private const string ChoiceMessage = "Choisissez une valeur proposée dans la liste.";
    private const string NumberMessage = "Saisissez un nombre entier, en chiffres.";
    private const string FrequencyMessage = "La fréquence de contact convenue est comprise entre 1 et 365 jours.";
}
