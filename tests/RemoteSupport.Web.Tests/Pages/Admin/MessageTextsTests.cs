using RemoteSupport.Domain.Activity;
using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Messaging;
using RemoteSupport.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static RemoteSupport.Web.Tests.Pages.Interviews.InterviewData;

namespace RemoteSupport.Web.Tests.Pages.Admin;

public sealed class MessageTextsTests(AppFactory factory) : WebTest(factory)
{
    /// <summary>A POST with a valid token of this administrator, read from a page they can open.</summary>
    private static async Task<Infrastructure.Page> PostWithOwnTokenAsync(Infrastructure.WebClient client, string url, params (string Name, string Value)[] fields)
    {
        var own = await client.GetAsync("/Admin/MessageTexts");
        var token = own.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        return await client.PostAsync(url, [.. fields, ("__RequestVerificationToken", token)]);
    }

    private string EditUrl(MessagePurpose purpose, MessageChannel channel) => $"/Admin/MessageTexts/Edit/{World.Cd56.Id}/{purpose}/{channel}";

    [Fact]
    public async Task An_unknown_placeholder_is_refused_in_french_and_nothing_is_saved()
    {
        var admin = await SignInAsync(World.Admin56);
        var page = await admin.SubmitAsync(EditUrl(MessagePurpose.Reminder, MessageChannel.Sms), new() { ["Input.Body"] = "Bonjour {prenom}, rdv le {jour}." });
        Assert.Equal("Le champ {jour} n'existe pas. Utilisez seulement les champs de la liste, par exemple {prenom} ou {date}.", page.ErrorFor("Input.Body"));
        Assert.Equal("Bonjour {prenom}, rdv le {jour}.", page.ValueOf("Input.Body"));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.MessageTemplates.CountAsync()));

        page = await admin.SubmitAsync(EditUrl(MessagePurpose.Reminder, MessageChannel.Sms), new() { ["Input.Body"] = "Rdv le {date} pour {objectifs}" });
        Assert.Contains("{objectifs} ne peut pas figurer dans un SMS", page.ErrorFor("Input.Body"));
    }

    [Fact]
    public async Task The_preview_fills_a_demo_person_and_counts_sms_segments()
    {
        var admin = await SignInAsync(World.Admin56);
        var page = await PostWithOwnTokenAsync(admin, EditUrl(MessagePurpose.Reminder, MessageChannel.Sms) + "?handler=Preview",
            ("Input.Body", "Bonjour {prenom}, rappel : rendez-vous le {date} à {heure}."));
        Assert.Contains("Bonjour Camille, rappel : rendez-vous le mardi 1 décembre 2026 à 14h30.", page.Text);
        Assert.Contains("caractères, soit 1 SMS", page.Text);
    }

    [Fact]
    public async Task A_saved_text_is_audited_and_used_for_the_next_messages()
    {
        var admin = await SignInAsync(World.Admin56);
        await admin.SubmitAsync(EditUrl(MessagePurpose.Free, MessageChannel.Sms), new() { ["Input.Body"] = "{message} — {travailleur} (CD56)" });

        var audit = await Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Area == AuditArea.MessageTexts));
        Assert.Equal(World.Admin56.Id, audit.ActorId);
        Assert.Contains("{message} — {travailleur} (CD56)", audit.After);

        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Sms);
        var worker = await SignInAsync(World.Worker56);
        await worker.SubmitAsync($"/Messages/Send/{person.Id}", new() { ["Input.Channel"] = "Sms", ["Input.Text"] = "Bonjour" });
        var body = await Factory.WithDbAsync(db => db.OutboxMessages.Select(m => m.Body).SingleAsync());
        Assert.Equal("Bonjour — Léa Travailleuse (CD56)", body);
    }

    [Fact]
    public async Task The_reminder_delay_is_set_per_department_and_audited()
    {
        var admin = await SignInAsync(World.Admin56);
        var page = await admin.SubmitAsync("/Admin/MessageTexts", new() { ["Delay.DepartmentId"] = World.Cd56.Id.ToString(), ["Delay.HoursBefore"] = "1" });
        Assert.Equal("Le rappel part entre 2 heures et 7 jours (168 heures) avant l'entretien.", page.ErrorFor("Delay.HoursBefore"));
        await admin.SubmitAsync("/Admin/MessageTexts", new() { ["Delay.DepartmentId"] = World.Cd56.Id.ToString(), ["Delay.HoursBefore"] = "48" });
        Assert.Equal(48, await Factory.WithDbAsync(db => db.MessageSettings.Where(s => s.DepartmentId == World.Cd56.Id).Select(s => s.ReminderHoursBefore).SingleAsync()));
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Area == AuditArea.MessageTexts && a.EntityId.EndsWith("ReminderDelay"))));
    }

    [Fact]
    public async Task Another_departments_administrator_gets_404()
    {
        var admin29 = await SignInAsync(World.SuperAdmin);
        Assert.Equal(HttpStatusCode.OK, (await admin29.GetAsync(EditUrl(MessagePurpose.Invitation, MessageChannel.Email))).Status);
        var admin56 = await SignInAsync(World.Admin56);
        var other = $"/Admin/MessageTexts/Edit/{World.Cd29.Id}/Invitation/Email";
        Assert.Equal(HttpStatusCode.NotFound, (await admin56.GetAsync(other)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin56.GetAsync($"/Admin/MessageTexts/Edit/{World.Cd56.Id}/Nothing/Pigeon")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostWithOwnTokenAsync(admin56, other, ("Input.Body", "Bonjour"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostWithOwnTokenAsync(admin56, "/Admin/MessageTexts?handler=Delay",
            ("Delay.DepartmentId", World.Cd29.Id.ToString()), ("Delay.HoursBefore", "48"))).Status);
    }
}
