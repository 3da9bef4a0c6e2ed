using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Directory;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Messaging;
using RemoteSupport.Web.Tests.Infrastructure;
using static RemoteSupport.Web.Tests.Pages.Interviews.InterviewData;

namespace RemoteSupport.Web.Tests.Pages.Directory;

/// <summary>Issue 17: the directory of resources, orientations, contact cards through the outbox, public guides, digital inclusion.</summary>
public sealed class DirectoryTests(AppFactory factory) : WebTest(factory)
{
    private Task<int> SendDueAsync() => Factory.Services.GetRequiredService<OutboxSender>().RunOnceAsync(CancellationToken.None);

    private Task<Resource> AddResourceAsync(int departmentId, string name, string commune, string postalCode, string[]? themes = null, bool active = true,
        string phone = "02 61 91 00 01") =>
        Factory.WithDbAsync(async db =>
        {
            var r = new Resource
            {
                DepartmentId = departmentId, Name = name, Themes = [.. themes ?? [DirectoryThemes.Digital]], Offer = "Accueil et aide sur place.",
                Phone = phone, Address = "1 rue de la Fiction", PostalCode = postalCode, OpeningHours = "Lundi 9h-12h", Website = "https://ressource.test",
                IsActive = active, UpdatedAt = TestClock.Start,
            };
            r.SetCommune(commune);
            db.Resources.Add(r);
            await db.SaveChangesAsync();
            return r;
        });

    private static string[] ResultNames(Page page) =>
        page.Document.QuerySelectorAll("ul.resources h3 a").Select(a => a.TextContent.Trim()).ToArray();

    [Fact]
    public async Task A_team_lead_adds_a_resource_audited_and_workers_find_it_by_theme_words_and_commune()
    {
        var lead = await SignInAsync(World.Lead56);
        var saved = await lead.SubmitManyAsync("/Directory/Edit", [
            ("Input.Name", "Espace numérique de Kerlann"), ("Input.Themes", DirectoryThemes.Digital), ("Input.Themes", "Aide administrative"),
            ("Input.Offer", "Ordinateurs en libre accès et aide d'un médiateur."), ("Input.Phone", "02 61 91 12 34"), ("Input.PostalCode", "56000"),
            ("Input.Commune", "Saint-Avé"), ("Input.Website", "https://kerlann.test"), ("Input.IsActive", "true"),
        ]);
        Assert.StartsWith("/Directory/Details/", saved.Url.AbsolutePath);
        Assert.Contains("02 61 91 12 34", saved.Text);
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Area == AuditArea.Directory));
        Assert.Equal(AuditAction.Create, audit.Action);
        Assert.Equal(World.Lead56.Id, audit.ActorId);

        await AddResourceAsync(World.Cd56.Id, "Épicerie du Port", "Vannes", "56000", ["Aide alimentaire"]);
        await AddResourceAsync(World.Cd56.Id, "Ancien point numérique", "Saint-Avé", "56000", active: false);
        await AddResourceAsync(World.Cd29.Id, "Espace numérique de Brest", "Saint-Avé", "29200");

        var worker = await SignInAsync(World.Worker56);
        Assert.Equal(["Épicerie du Port", "Espace numérique de Kerlann"], ResultNames(await worker.GetAsync("/Directory")));
        Assert.Equal(["Espace numérique de Kerlann"], ResultNames(await worker.GetAsync("/Directory?Search.Theme=" + Uri.EscapeDataString(DirectoryThemes.Digital))));
        Assert.Equal(["Espace numérique de Kerlann"], ResultNames(await worker.GetAsync("/Directory?Search.Words=m%C3%A9diateur")));
        // The commune matches whatever the case, accents and hyphens.
        Assert.Equal(["Espace numérique de Kerlann"], ResultNames(await worker.GetAsync("/Directory?Search.Commune=saint%20ave")));
        Assert.Empty(ResultNames(await worker.GetAsync("/Directory?Search.Words=brest")));

        // Deactivating is audited and takes the entry out of the search; an editor can still list it.
        var id = saved.Url.AbsolutePath.Split('/').Last();
        var edit = await lead.GetAsync($"/Directory/Edit/{id}");
        var deactivated = await lead.SubmitManyAsync($"/Directory/Edit/{id}", [("Input.IsActive", "false")]);
        Assert.Contains("Inactive", deactivated.Text);
        Assert.Equal(HttpStatusCode.OK, edit.Status);
        Assert.Equal(["Épicerie du Port"], ResultNames(await worker.GetAsync("/Directory")));
        Assert.Contains("Espace numérique de Kerlann", ResultNames(await lead.GetAsync("/Directory?Search.Inactive=true")));
        Assert.Equal(AuditAction.Deactivate, await Factory.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.Area == AuditArea.Directory).OrderByDescending(a => a.Id).Select(a => a.Action).FirstAsync()));
    }

    [Fact]
    public async Task Bad_input_gets_french_messages_and_keeps_what_was_typed_and_a_worker_cannot_edit()
    {
        var lead = await SignInAsync(World.Lead56);
        var page = await lead.SubmitManyAsync("/Directory/Edit", [("Input.Name", "Point d'accueil"), ("Input.Offer", ""), ("Input.PostalCode", "5600"),
            ("Input.Website", "kerlann")]);
        Assert.Equal("/Directory/Edit", page.Url.AbsolutePath);
        Assert.Equal("Dites ce que propose la ressource.", page.ErrorFor("Input.Offer"));
        Assert.Equal("Choisissez au moins un thème.", page.ErrorFor("Input.Themes"));
        Assert.Equal("Le code postal a 5 chiffres, par exemple 56000.", page.ErrorFor("Input.PostalCode"));
        Assert.Equal("Le site commence par https://, par exemple https://exemple.test.", page.ErrorFor("Input.Website"));
        Assert.Equal("Point d'accueil", page.ValueOf("Input.Name"));

        var worker = await SignInAsync(World.Worker56);
        var denied = await worker.GetAsync("/Directory/Edit");
        Assert.True(denied.Status == HttpStatusCode.Forbidden || denied.Url.AbsolutePath.StartsWith("/Account/AccessDenied", StringComparison.Ordinal),
            $"{denied.Status} {denied.Url}");
        var forged = await worker.PostAsync("/Directory/Edit", [("__RequestVerificationToken", await TokenAsync(worker)),
            ("Input.Name", "Intrus"), ("Input.Themes", DirectoryThemes.Digital), ("Input.Offer", "x"), ("Input.Phone", "0261910000")]);
        Assert.NotEqual("/Directory/Details", forged.Url.AbsolutePath[..Math.Min(18, forged.Url.AbsolutePath.Length)]);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Resources.CountAsync()));
    }

    [Fact]
    public async Task Another_departments_resources_and_guides_are_404_on_every_route()
    {
        var theirs = await AddResourceAsync(World.Cd29.Id, "Ressource du Finistère", "Brest", "29200");
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var guide = await Factory.WithDbAsync(async db =>
        {
            var g = new PublicGuide { DepartmentId = World.Cd29.Id, Modality = Modality.Phone, Title = "Guide 29", Steps = "Une étape.", HelpPhone = "02 61 91 00 00" };
            db.PublicGuides.Add(g);
            await db.SaveChangesAsync();
            return g;
        });
        var lead = await SignInAsync(World.Lead56);
        var worker = await SignInAsync(World.Worker56);
        var admin = await SignInAsync(World.Admin56);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/Directory/Details/{theirs.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/Directory/Edit/{theirs.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/Directory/SendCard/{person.Id}?resourceId={theirs.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/Directory/Guides/Print/{guide.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Directory/Guides/Edit?departmentId={World.Cd29.Id}&modality=Phone")).Status);
        // POSTs too, with a valid antiforgery token from a page of the user's own.
        var token = await TokenAsync(lead);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.PostAsync($"/Directory/Edit/{theirs.Id}", [("__RequestVerificationToken", token),
            ("Input.Name", "Pris"), ("Input.Themes", DirectoryThemes.Digital), ("Input.Offer", "x"), ("Input.Phone", "0261910000")])).Status);
        token = await TokenAsync(worker);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.PostAsync($"/Directory/SendCard/{person.Id}?resourceId={theirs.Id}",
            [("__RequestVerificationToken", token), ("Input.Channel", "Sms")])).Status);
        // Orienting to another department's resource is refused, and nothing is recorded.
        var page = await worker.PostAsync($"/Directory/Orient/{person.Id}", [("__RequestVerificationToken", token),
            ("Input.ResourceId", theirs.Id.ToString()), ("Input.What", "Rendez-vous"), ("Input.DueOn", "2026-12-01")]);
        Assert.Contains("Choisissez une ressource de l'annuaire du département de la personne.", page.Text);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.FollowUpActions.CountAsync()));
        Assert.Equal("Ressource du Finistère", await Factory.WithDbAsync(db => db.Resources.Where(r => r.Id == theirs.Id).Select(r => r.Name).SingleAsync()));
        // A person of another department: 404 on the person routes of the directory.
        var other = await World.AddPersonAsync(Factory, World.Worker29);
        var mine = await AddResourceAsync(World.Cd56.Id, "Ressource du Morbihan", "Vannes", "56000");
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/Directory/Orient/{other.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/Directory/SendCard/{other.Id}?resourceId={mine.Id}")).Status);
    }

    [Fact]
    public async Task An_orientation_is_a_follow_up_naming_the_resource_journaled_and_listed_on_the_persons_page()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var resource = await AddResourceAsync(World.Cd56.Id, "Accueil Démarches Faciles", "Vannes", "56000", ["Aide administrative"]);
        var worker = await SignInAsync(World.Worker56);
        var page = await worker.SubmitAsync($"/Directory/Orient/{person.Id}?resourceId={resource.Id}", new()
        {
            ["Input.What"] = "Aide pour le dossier de logement", ["Input.DueOn"] = "2026-12-01",
        });
        Assert.Equal($"/Persons/Details/{person.Id}", page.Url.AbsolutePath);
        var action = await Factory.WithDbAsync(db => db.FollowUpActions.AsNoTracking().SingleAsync());
        Assert.Equal(resource.Id, action.ResourceId);
        Assert.Equal("Accueil Démarches Faciles", action.Who);
        var journal = await JournalAsync(Factory, person.Id);
        var entry = Assert.Single(journal, j => j.Kind == ActivityKind.OrientedToResource);
        Assert.Equal(World.Worker56.Id, entry.ActorId);
        Assert.Contains("Accueil Démarches Faciles", entry.Description);
        var panel = page.Document.GetElementById("orientations")!.TextContent;
        Assert.Contains("Accueil Démarches Faciles", panel);
        Assert.Contains("Aide pour le dossier de logement", panel);
        Assert.Contains("Orientation vers une ressource", page.Document.GetElementById("journal-title")!.ParentElement!.TextContent);

        // Deactivated later, the resource stays in the person's history.
        await Factory.WithDbAsync(db => db.Resources.Where(r => r.Id == resource.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsActive, false)));
        panel = (await worker.GetAsync($"/Persons/Details/{person.Id}")).Document.GetElementById("orientations")!.TextContent;
        Assert.Contains("Accueil Démarches Faciles", panel);
        Assert.Contains("inactive", panel);
    }

    [Fact]
    public async Task Sending_a_card_is_refused_without_consent_held_in_quiet_hours_then_sent_by_sms_and_by_email()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56, p => p.Email = "rozenn.kerjean@exemple.test");
        var resource = await AddResourceAsync(World.Cd56.Id, "Point Santé du Ponant", "Vannes", "56000", ["Santé et santé mentale"], phone: "02 61 91 45 67");
        var worker = await SignInAsync(World.Worker56);

        // No consent to SMS: refused, in French, nothing in the outbox.
        var refused = await worker.SubmitAsync($"/Directory/SendCard/{person.Id}?resourceId={resource.Id}", new() { ["Input.Channel"] = "Sms" });
        Assert.Contains("Fiche non envoyée", refused.ErrorFor("Input.Channel") ?? refused.Summary ?? "");
        Assert.Equal(0, await Factory.WithDbAsync(db => db.OutboxMessages.CountAsync()));

        // With consent, at 20:30 in Paris (« période sans SMS »): planned, held by the sender, not sent.
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Sms, Modality.Email);
        Factory.Clock.Set(new DateTimeOffset(2026, 11, 23, 19, 30, 0, TimeSpan.Zero));
        worker = await SignInAsync(World.Worker56);
        var sent = await worker.SubmitAsync($"/Directory/SendCard/{person.Id}?resourceId={resource.Id}", new() { ["Input.Channel"] = "Sms" });
        Assert.Equal($"/Persons/Details/{person.Id}", sent.Url.AbsolutePath);
        await SendDueAsync();
        Assert.Empty(Factory.Messaging.SmsCalls);
        var held = await Factory.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync());
        Assert.Equal(MessageStatus.Planned, held.Status);
        Assert.Contains("période sans SMS", held.StatusReason);
        Assert.Contains(await JournalAsync(Factory, person.Id), j => j.Kind == ActivityKind.ResourceCardSent && j.Description.Contains("Point Santé du Ponant"));

        // Next morning at 9:00 in Paris it leaves through the HTTP SMS provider, with the resource's contact.
        Factory.Clock.Set(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await SendDueAsync());
        var sms = Assert.Single(Factory.Messaging.SmsCalls);
        Assert.Equal("+33639980001", sms.To);
        Assert.Contains("Point Santé du Ponant", sms.Text);
        Assert.Contains("Tél. 02 61 91 45 67", sms.Text);

        // By e-mail, to the real SMTP server, with the easy-to-read text.
        worker = await SignInAsync(World.Worker56);
        await worker.SubmitAsync($"/Directory/SendCard/{person.Id}?resourceId={resource.Id}", new() { ["Input.Channel"] = "Email" });
        Assert.Equal(1, await SendDueAsync());
        var mail = Assert.Single(Factory.Messaging.Mails);
        Assert.Equal("rozenn.kerjean@exemple.test", ((MailboxAddress)mail.To.Single()).Address);
        Assert.Equal("Coordonnées : Point Santé du Ponant", mail.Subject);
        Assert.Contains("Tél. 02 61 91 45 67", mail.TextBody);
        Assert.Contains("Horaires : Lundi 9h-12h", mail.TextBody);
    }

    [Fact]
    public async Task The_guide_of_the_modality_written_by_an_administrator_is_in_the_invitation_email_and_printable()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56, p => p.Email = "rozenn.kerjean@exemple.test");
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone, Modality.Email);
        var admin = await SignInAsync(World.Admin56);
        var tooLong = await admin.SubmitAsync($"/Directory/Guides/Edit?departmentId={World.Cd56.Id}&modality=Phone", new()
        {
            ["Input.Title"] = "Votre rendez-vous par téléphone", ["Input.HelpPhone"] = "02 61 91 00 99",
            ["Input.Steps"] = new string('a', 120),
        });
        Assert.Contains("Une étape fait plus de 100 caractères", tooLong.Text);
        var print = await admin.SubmitAsync($"/Directory/Guides/Edit?departmentId={World.Cd56.Id}&modality=Phone", new()
        {
            ["Input.Title"] = "Votre rendez-vous par téléphone", ["Input.HelpPhone"] = "02 61 91 00 99",
            ["Input.Steps"] = "Je vous appelle à l'heure.\nMettez-vous au calme.\n\nGardez le téléphone chargé.",
        });
        Assert.StartsWith("/Directory/Guides/Print/", print.Url.AbsolutePath);
        Assert.Equal(["Je vous appelle à l'heure.", "Mettez-vous au calme.", "Gardez le téléphone chargé."],
            print.Document.QuerySelectorAll(".guide-steps li").Select(li => li.TextContent.Trim()).ToArray());
        Assert.Contains("Besoin d'aide ? Appelez le 02 61 91 00 99.", print.Text);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Area == AuditArea.PublicGuides)));

        var worker = await SignInAsync(World.Worker56);
        var page = await worker.SubmitAsync($"/Interviews/Schedule/{person.Id}", new()
        {
            ["Input.Modality"] = "Phone", ["Input.Date"] = "2026-11-25", ["Input.Time"] = "10:00", ["Input.DurationMinutes"] = "45",
            ["Input.Objectives"] = "Point sur la demande", ["Input.Invitation.Send"] = "true",
        });
        Assert.StartsWith("/Interviews/Details/", page.Url.AbsolutePath);
        Assert.Equal(1, await SendDueAsync());
        var text = Assert.Single(Factory.Messaging.Mails).TextBody!.ReplaceLineEndings("\n");
        Assert.Contains("Votre rendez-vous par téléphone\n1. Je vous appelle à l'heure.\n2. Mettez-vous au calme.\n3. Gardez le téléphone chargé.", text);
        Assert.Contains("Besoin d'aide ? Appelez le 02 61 91 00 99.", text);
    }

    [Fact]
    public async Task A_person_needing_digital_help_sees_the_nearest_digital_help_places_first_in_their_commune()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56, p =>
        {
            p.City = "Lorient"; p.PostalCode = "56100"; p.HasInternetAccess = false;
        });
        await AddResourceAsync(World.Cd56.Id, "Atelier numérique de Vannes", "Vannes", "56000");
        await AddResourceAsync(World.Cd56.Id, "Espace numérique de Lorient", "LORIENT", "56100");
        await AddResourceAsync(World.Cd56.Id, "Épicerie de Lorient", "Lorient", "56100", ["Aide alimentaire"]);
        await AddResourceAsync(World.Cd56.Id, "Point fermé de Lorient", "Lorient", "56100", active: false);
        await AddResourceAsync(World.Cd56.Id, "Cyberbase de Redon", "Redon", "35600");
        await AddResourceAsync(World.Cd29.Id, "Espace numérique du Finistère", "Lorient", "56100");
        var worker = await SignInAsync(World.Worker56);
        var page = await worker.GetAsync($"/Persons/Details/{person.Id}");
        var items = page.Document.QuerySelectorAll("ul.digital-help li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, items.Count);
        Assert.StartsWith("Espace numérique de Lorient", items[0].Trim());
        Assert.Contains("même commune", items[0]);
        Assert.StartsWith("Atelier numérique de Vannes", items[1].Trim());
        Assert.Contains("même département postal", items[1]);
        Assert.StartsWith("Cyberbase de Redon", items[2].Trim());

        // A person with equipment, connection and skills sees no such list.
        var equipped = await World.AddPersonAsync(Factory, World.Worker56, p => p.City = "Lorient");
        Assert.Null((await worker.GetAsync($"/Persons/Details/{equipped.Id}")).Document.QuerySelector("ul.digital-help"));
    }
    [Fact]
    public async Task An_administrator_extends_the_themes_of_their_department_audited_and_duplicates_are_refused()
    {
        var admin = await SignInAsync(World.Admin56);
        var page = await admin.SubmitAsync("/Directory/Themes", new() { ["Input.Name"] = "Logement" });
        Assert.Equal("Le thème a été ajouté.", page.Flash);
        var duplicate = await admin.SubmitAsync("/Directory/Themes", new() { ["Input.Name"] = "aide  alimentaire" });
        Assert.Equal("Ce thème existe déjà.", duplicate.ErrorFor("Input.Name"));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Area == AuditArea.Directory)));
        // The new theme is offered in the department's search and form, not in another department's.
        var lead = await SignInAsync(World.Lead56);
        Assert.Contains(page.Document.QuerySelectorAll("li"), li => li.TextContent == "Logement");
        Assert.NotNull((await lead.GetAsync("/Directory/Edit")).Document.QuerySelector("input[name='Input.Themes'][value='Logement']"));
        var lead29 = await SignInAsync(World.Lead29);
        Assert.Null((await lead29.GetAsync("/Directory/Edit")).Document.QuerySelector("input[name='Input.Themes'][value='Logement']"));
        // A worker cannot add one.
        var worker = await SignInAsync(World.Worker56);
        var denied = await worker.GetAsync("/Directory/Themes");
        Assert.True(denied.Status == HttpStatusCode.Forbidden || denied.Url.AbsolutePath.StartsWith("/Account/AccessDenied", StringComparison.Ordinal));
    }
}
