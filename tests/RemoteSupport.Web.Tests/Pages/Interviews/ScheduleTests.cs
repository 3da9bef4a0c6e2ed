using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Tests.Infrastructure;
using static RemoteSupport.Web.Tests.Pages.Interviews.InterviewData;

namespace RemoteSupport.Web.Tests.Pages.Interviews;

public sealed class ScheduleTests(AppFactory factory) : WebTest(factory)
{
    private static Dictionary<string, string> PhoneForm() => new()
    {
        ["Input.Modality"] = "Phone",
        ["Input.Date"] = "2026-11-24",
        ["Input.Time"] = "10:00",
        ["Input.DurationMinutes"] = "45",
        ["Input.Objectives"] = "Point sur la demande de logement social",
    };

    [Fact]
    public async Task Schedules_a_video_interview_with_the_approved_tool_participants_plan_b_and_a_checklist_snapshot()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Video, Modality.Phone, Modality.Sms);
        var template = await StandardTemplateAsync(Factory, World.Cd56.Id, Modality.Video);
        await StandardTemplateAsync(Factory, World.Cd56.Id, Modality.Phone);
        var tool = await AddToolAsync(Factory, World.Cd56.Id);
        var client = await SignInAsync(World.Worker56);

        var form = await client.GetAsync($"/Interviews/Schedule/{person.Id}");
        Assert.Contains("Hébergé par le département, sans enregistrement.", form.Text);
        Assert.Contains("La personne accepte les SMS", form.Text);

        var page = await client.SubmitFormAsync(form, new()
        {
            ["Input.Modality"] = "Video", ["Input.Date"] = "2026-11-24", ["Input.Time"] = "10:00", ["Input.DurationMinutes"] = "60",
            ["Input.Objectives"] = "Préparer le dossier de logement", ["Input.VideoToolId"] = tool.Id.ToString(),
            ["Input.FallbackModality"] = "Phone", ["Input.FallbackPhone"] = "0639980001", ["Input.SendSmsReminder"] = "true",
            ["Input.Participants[0].Name"] = "Maëlle Kerjean", ["Input.Participants[0].Relation"] = "Family", ["Input.Participants[0].PersonAgreed"] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("/Interviews/Details/", page.Url.AbsolutePath);
        Assert.Contains("L'entretien est planifié", page.Flash);
        Assert.Contains("Lieu calme et confidentiel des deux côtés", page.Text);
        Assert.Contains("Maëlle Kerjean", page.Text);

        var stored = await Factory.WithDbAsync(db => db.Interviews.AsNoTracking().AsSplitQuery().Include(i => i.Checklist).Include(i => i.Participants).SingleAsync());
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), stored.ScheduledAt);
        Assert.Equal(Modality.Video, stored.Modality);
        Assert.Equal(60, stored.DurationMinutes);
        Assert.Equal(tool.Id, stored.VideoToolId);
        Assert.Equal(Modality.Phone, stored.FallbackModality);
        Assert.Equal("06 39 98 00 01", stored.FallbackPhone);
        Assert.True(stored.SendSmsReminder);
        Assert.Equal(World.Worker56.Id, stored.WorkerId);
        Assert.Equal(template.Id, stored.ChecklistTemplateId);
        Assert.Equal(4, stored.Checklist.Count);
        var participant = Assert.Single(stored.Participants);
        Assert.Equal(ParticipantRelation.Family, participant.Relation);
        Assert.True(participant.PersonAgreed);

        // The SMS reminder planned with it is journaled too (issue 13).
        var journal = await JournalAsync(Factory, person.Id);
        Assert.Equal([ActivityKind.InterviewScheduled, ActivityKind.MessageToPerson], journal.Select(j => j.Kind));
        var entry = journal[0];
        Assert.Equal(stored.Id, entry.InterviewId);
        Assert.Contains("24/11/2026 à 10:00", entry.Description);
    }

    [Fact]
    public async Task Refuses_video_interview_without_video_consent_and_keeps_what_was_typed()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        var tool = await AddToolAsync(Factory, World.Cd56.Id);
        var client = await SignInAsync(World.Worker56);

        var form = PhoneForm();
        form["Input.Modality"] = "Video";
        form["Input.VideoToolId"] = tool.Id.ToString();
        var page = await client.SubmitAsync($"/Interviews/Schedule/{person.Id}", form);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("La personne n'a pas encore donné son accord pour un échange par visioconférence", page.Summary);
        Assert.Equal("Point sur la demande de logement social", page.ValueOf("Input.Objectives"));
        Assert.Equal(0, await InterviewCountAsync(Factory));
    }

    [Fact]
    public async Task Refuses_a_withdrawn_consent_even_if_it_was_granted_before()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAtAsync(Factory, person, World.Worker56, ConsentDecision.Granted, TestClock.Start.AddDays(-30), Modality.Phone);
        await ConsentAtAsync(Factory, person, World.Worker56, ConsentDecision.Withdrawn, TestClock.Start.AddDays(-1), Modality.Phone);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/Schedule/{person.Id}", PhoneForm());

        Assert.Contains("a retiré son accord pour les échanges par téléphone", page.Summary);
        Assert.Equal(0, await InterviewCountAsync(Factory));
    }

    [Fact]
    public async Task Refuses_a_participant_the_person_did_not_agree_to()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        var client = await SignInAsync(World.Worker56);

        var form = PhoneForm();
        form["Input.Participants[0].Name"] = "Paul Stagiaire";
        form["Input.Participants[0].Relation"] = "Trainee";
        var page = await client.SubmitAsync($"/Interviews/Schedule/{person.Id}", form);

        Assert.Contains("n'a pas donné son accord à la présence de Paul Stagiaire", page.Summary);
        Assert.Equal("Paul Stagiaire", page.ValueOf("Input.Participants[0].Name"));
        Assert.Equal(0, await InterviewCountAsync(Factory));
    }

    [Fact]
    public async Task Refuses_an_sms_reminder_without_a_current_sms_consent_and_says_so_on_the_form()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Refused, Modality.Sms);
        var client = await SignInAsync(World.Worker56);

        var form = await client.GetAsync($"/Interviews/Schedule/{person.Id}");
        Assert.Contains("Pas de rappel possible : pour les SMS, refusé le", form.Text);

        var values = PhoneForm();
        values["Input.SendSmsReminder"] = "true";
        var page = await client.SubmitFormAsync(form, values);

        Assert.Contains("Rappel par SMS impossible : la personne a refusé les échanges par SMS", page.Summary);
        Assert.Equal(0, await InterviewCountAsync(Factory));
    }

    [Fact]
    public async Task A_slot_outside_working_hours_is_confirmed_not_refused_and_every_typed_value_is_kept()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        var client = await SignInAsync(World.Worker56);

        var values = PhoneForm();
        values["Input.Time"] = "18:30";
        values["Input.Participants[0].Name"] = "Anne Interprète";
        values["Input.Participants[0].Relation"] = "Interpreter";
        values["Input.Participants[0].PersonAgreed"] = "true";
        var warned = await client.SubmitAsync($"/Interviews/Schedule/{person.Id}", values);

        Assert.Equal(HttpStatusCode.OK, warned.Status);
        Assert.Contains("sort des horaires de travail du service", warned.Text);
        Assert.Null(warned.Summary);
        Assert.Equal("18:30", warned.ValueOf("Input.Time"));
        Assert.Equal("Point sur la demande de logement social", warned.ValueOf("Input.Objectives"));
        Assert.Equal("Anne Interprète", warned.ValueOf("Input.Participants[0].Name"));
        Assert.Equal(0, await InterviewCountAsync(Factory));

        var confirm = warned.Document.QuerySelector("input[name='Input.ConfirmedWarnings']")!.GetAttribute("value")!;
        var page = await client.SubmitFormAsync(warned, new() { ["Input.ConfirmedWarnings"] = confirm });

        Assert.StartsWith("/Interviews/Details/", page.Url.AbsolutePath);
        var stored = await Factory.WithDbAsync(db => db.Interviews.AsNoTracking().Include(i => i.Participants).SingleAsync());
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 17, 30, 0, TimeSpan.Zero), stored.ScheduledAt);
        Assert.Equal("Anne Interprète", Assert.Single(stored.Participants).Name);
    }

    [Fact]
    public async Task A_confirmation_does_not_cover_a_slot_changed_afterwards()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56, p => p.FirstFaceToFaceMeetingOn = null);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        var client = await SignInAsync(World.Worker56);

        var warned = await client.SubmitAsync($"/Interviews/Schedule/{person.Id}", PhoneForm());
        Assert.Contains("jamais rencontré cette personne en face à face", warned.Text);
        var confirm = warned.Document.QuerySelector("input[name='Input.ConfirmedWarnings']")!.GetAttribute("value")!;

        // Moved to a Saturday after confirming only the first warning: asked again.
        var again = await client.SubmitFormAsync(warned, new() { ["Input.ConfirmedWarnings"] = confirm, ["Input.Date"] = "2026-11-28" });
        Assert.Contains("sort des horaires de travail du service", again.Text);
        Assert.Equal(0, await InterviewCountAsync(Factory));
    }

    [Fact]
    public async Task A_slot_outside_the_persons_preferred_times_is_warned_about()
    {
        // A preferred window is whole (both hours), and reads the same words as on the person's page.
        var person = await World.AddPersonAsync(Factory, World.Worker56, p => { p.PreferredDays = [4]; (p.PreferredTimeFrom, p.PreferredTimeUntil) = (new TimeOnly(14, 0), new TimeOnly(18, 0)); });
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        var client = await SignInAsync(World.Worker56);

        var form = await client.GetAsync($"/Interviews/Schedule/{person.Id}");
        Assert.Contains("jeudi, de 14:00 à 18:00", form.Text);
        var warned = await client.SubmitFormAsync(form, PhoneForm());

        Assert.Contains("ne correspond pas aux jours ou aux heures que la personne a dit préférer", warned.Text);
        Assert.DoesNotContain("horaires de travail", warned.Text);
    }

    [Fact]
    public async Task Without_a_published_checklist_the_interview_is_scheduled_with_a_notice()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        await Factory.WithDbAsync(async db =>
        {
            // A draft is not a checklist yet: it must not be copied.
            var draft = ChecklistTemplate.Draft(World.Cd56.Id, Modality.Phone, 1);
            draft.AddItem(ChecklistPhase.Before, "Brouillon", false, null);
            db.ChecklistTemplates.Add(draft);
            await db.SaveChangesAsync();
        });
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/Schedule/{person.Id}", PhoneForm());

        Assert.Contains("Aucune liste de contrôle n'est publiée", page.Flash);
        Assert.Contains("Aucune liste de contrôle n'était publiée pour cette modalité", page.Text);
        Assert.DoesNotContain("Brouillon", page.Text);
        var stored = await Factory.WithDbAsync(db => db.Interviews.AsNoTracking().Include(i => i.Checklist).SingleAsync());
        Assert.Empty(stored.Checklist);
        Assert.Null(stored.ChecklistTemplateId);
    }

    [Fact]
    public async Task Empty_fields_get_a_french_message_next_to_each()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/Schedule/{person.Id}", new()
        {
            ["Input.Date"] = "", ["Input.Time"] = "", ["Input.DurationMinutes"] = "", ["Input.Objectives"] = "",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Choisissez la modalité de l'entretien.", page.ErrorFor("Input.Modality"));
        Assert.Equal("Indiquez la date.", page.ErrorFor("Input.Date"));
        Assert.Equal("Indiquez l'heure de début.", page.ErrorFor("Input.Time"));
        Assert.Equal("Indiquez la durée annoncée, en minutes.", page.ErrorFor("Input.DurationMinutes"));
        Assert.Equal("Indiquez les objectifs : la personne doit savoir de quoi vous allez parler.", page.ErrorFor("Input.Objectives"));
        Assert.Equal("true", page.Document.QuerySelector("#Input_Objectives")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Malformed_and_tampered_values_get_french_messages_never_a_500()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);

        var page = await client.SubmitAsync($"/Interviews/Schedule/{person.Id}", new()
        {
            ["Input.Modality"] = "PigeonVoyageur", ["Input.Date"] = "2026-02-30", ["Input.Time"] = "25:61",
            ["Input.DurationMinutes"] = "beaucoup", ["Input.Objectives"] = "Point\u202Edu dossier",
            ["Input.VideoToolId"] = "pas-un-identifiant", ["Input.FallbackModality"] = "Video", ["Input.FallbackPhone"] = "12",
            ["Input.Participants[0].Name"] = "<script>alert(1)</script>", ["Input.Participants[0].Relation"] = "Voisin",
            ["Input.Participants[1].PersonAgreed"] = "peut-être",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Choisissez une modalité dans la liste.", page.ErrorFor("Input.Modality"));
        Assert.Equal("Saisissez une date qui existe, par exemple 24/11/2026.", page.ErrorFor("Input.Date"));
        Assert.Equal("Saisissez une heure, par exemple 14:30.", page.ErrorFor("Input.Time"));
        Assert.Equal("Indiquez la durée en minutes, par exemple 45.", page.ErrorFor("Input.DurationMinutes"));
        Assert.Equal("Les objectifs contiennent des caractères non autorisés.", page.ErrorFor("Input.Objectives"));
        Assert.Equal("Choisissez un outil de visioconférence dans la liste.", page.ErrorFor("Input.VideoToolId"));
        Assert.Equal("Le plan B passe à l'audioconférence ou au téléphone.", page.ErrorFor("Input.FallbackModality"));
        Assert.StartsWith("Saisissez un numéro de téléphone français", page.ErrorFor("Input.FallbackPhone"));
        Assert.StartsWith("Le nom ne peut contenir que des lettres", page.ErrorFor("Input.Participants[0].Name"));
        Assert.Equal("Choisissez le lien avec la personne dans la liste.", page.ErrorFor("Input.Participants[0].Relation"));
        Assert.Equal("Cochez la case ou laissez-la vide.", page.ErrorFor("Input.Participants[1].PersonAgreed"));
        Assert.DoesNotContain("<script>alert(1)</script>", page.Html);
        Assert.DoesNotContain("is not valid", page.Html);
        Assert.Equal(0, await InterviewCountAsync(Factory));
    }

    [Fact]
    public async Task A_past_slot_or_one_too_far_ahead_is_refused()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        var client = await SignInAsync(World.Worker56);

        var past = PhoneForm();
        past["Input.Date"] = "23/11/2026";
        past["Input.Time"] = "09:00";
        var page = await client.SubmitAsync($"/Interviews/Schedule/{person.Id}", past);
        Assert.Equal("Cette date et cette heure sont déjà passées.", page.ErrorFor("Input.Date"));

        var far = PhoneForm();
        far["Input.Date"] = "2030-01-07";
        page = await client.SubmitAsync($"/Interviews/Schedule/{person.Id}", far);
        Assert.Equal("Choisissez une date dans les deux ans qui viennent.", page.ErrorFor("Input.Date"));
        Assert.Equal(0, await InterviewCountAsync(Factory));
    }

    [Fact]
    public async Task A_video_tool_of_another_department_cannot_be_slipped_in()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Video);
        var foreignTool = await AddToolAsync(Factory, World.Cd29.Id, "Outil du Finistère");
        var client = await SignInAsync(World.Worker56);

        var form = await client.GetAsync($"/Interviews/Schedule/{person.Id}");
        Assert.DoesNotContain("Outil du Finistère", form.Text);
        var values = PhoneForm();
        values["Input.Modality"] = "Video";
        values["Input.VideoToolId"] = foreignTool.Id.ToString();
        var page = await client.SubmitFormAsync(form, values);

        Assert.Equal("Choisissez un outil de visioconférence parmi ceux que le département a validés.", page.ErrorFor("Input.VideoToolId"));
        Assert.Equal(0, await InterviewCountAsync(Factory));
    }

    [Fact]
    public async Task A_closed_follow_up_cannot_get_a_new_interview()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56, p => p.Close("Déménagement", TestClock.Start.AddDays(-1)));
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        var client = await SignInAsync(World.Worker56);

        var form = await client.GetAsync($"/Interviews/Schedule/{person.Id}");
        Assert.Contains("Le suivi de cette personne est clos", form.Text);
        var forged = await client.PostAsync($"/Interviews/Schedule/{person.Id}",
            [.. PhoneForm().Select(kv => (kv.Key, kv.Value)), ("__RequestVerificationToken", await TokenAsync(client))]);
        Assert.Equal(HttpStatusCode.OK, forged.Status);
        Assert.Contains("Le suivi de cette personne est clos : rouvrez-le avant de planifier un entretien.", forged.Summary);
        Assert.Equal(0, await InterviewCountAsync(Factory));
    }

    [Fact]
    public async Task Users_of_another_department_or_team_get_404_and_nothing_is_stored()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);

        foreach (var outsider in new[] { World.Worker29, World.Lead29, World.OtherTeamWorker56 })
        {
            var client = await SignInAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Interviews/Schedule/{person.Id}")).Status);
            var post = await ForgedPostAsync(client, $"/Interviews/Schedule/{person.Id}", [.. PhoneForm().Select(kv => (kv.Key, kv.Value))]);
            Assert.Equal(HttpStatusCode.NotFound, post.Status);
        }
        Assert.Equal(0, await InterviewCountAsync(Factory));
    }

    [Fact]
    public async Task A_team_lead_of_the_department_can_schedule()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        var client = await SignInAsync(World.Lead56);

        var page = await client.SubmitAsync($"/Interviews/Schedule/{person.Id}", PhoneForm());

        Assert.StartsWith("/Interviews/Details/", page.Url.AbsolutePath);
        var stored = await Factory.WithDbAsync(db => db.Interviews.AsNoTracking().SingleAsync());
        Assert.Equal(World.Lead56.Id, stored.WorkerId);
    }

}
