using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Web.Data.Retention;
using RemoteSupport.Web.Tests.Infrastructure;
using RemoteSupport.Web.Tests.Pages.Persons;
using Serilog.Core;
using Serilog.Events;

namespace RemoteSupport.Web.Tests.Logging;

/// <summary>
/// A whole journey with recognisable names, phone numbers and notes, through the real app with its Serilog pipeline
/// (request logging, EF Core commands, warnings) at Information level: none of them may reach the technical log.
/// </summary>
public sealed class NoPersonalDataInLogsTests(AppFactory factory) : WebTest(factory)
{
    private sealed class CapturingSink : ILogEventSink
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public void Emit(LogEvent logEvent)
        {
            using var writer = new StringWriter();
            logEvent.RenderMessage(writer, System.Globalization.CultureInfo.InvariantCulture);
            foreach (var p in logEvent.Properties) writer.Write($" {p.Key}={p.Value}");
            if (logEvent.Exception is not null) writer.Write($" {logEvent.Exception}");
            Lines.Enqueue(writer.ToString());
        }
    }

    [Fact]
    public async Task A_journey_with_recognisable_personal_data_leaves_none_in_the_log()
    {
        var sink = new CapturingSink();
        await using var app = Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Serilog:MinimumLevel:Default", "Information");
            b.UseSetting("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore", "Information");
            b.ConfigureServices(s => s.AddSingleton<ILogEventSink>(sink));
        });
        string[] secrets =
        [
            "Philomène", "Trégouët-Ardouin", "06 52 41 87 93", "0652418793", "philomene.tregouet@exemple.test", "rue des Korrigans",
            "Ploërmel", "Raison de clôture Hippocampe", "Appel Saperlipopette", "Consentement Bigoudène", "Obligation Carambar",
        ];

        var worker = await WebClient.SignInAsync(app, Factory, World.Worker56.Email!, World.Password);
        var created = await worker.SubmitManyAsync("/Persons/Create", PersonForm.Complete(
            ("Input.FirstName", "Philomène"), ("Input.LastName", "Trégouët-Ardouin"), ("Input.Phone", "06 52 41 87 93"),
            ("Input.Email", "philomene.tregouet@exemple.test"), ("Input.Address", "5 rue des Korrigans"), ("Input.City", "Ploërmel"),
            ("Input.PostalCode", "56800")));
        var id = await Factory.WithDbAsync(db => db.Persons.Where(p => p.LastName == "Trégouët-Ardouin").Select(p => p.Id).SingleAsync());
        await worker.GetAsync($"/Persons/Details/{id}");
        await worker.GetAsync($"/Persons?search=Tr%C3%A9gou%C3%ABt");
        await worker.SubmitAsync($"/Consents/Record/{id}", new()
        {
            ["Input.Modality"] = "Phone", ["Input.Decision"] = "Granted", ["Input.DecidedAt"] = "2026-11-23T09:00",
            ["Input.Method"] = "OrallyDuringCall", ["Input.Comment"] = "Consentement Bigoudène",
        });
        await worker.SubmitAsync($"/Contacts/Log/{id}", new()
        {
            ["Input.Kind"] = "Call", ["Input.Direction"] = "Incoming", ["Input.OccurredAt"] = "2026-11-23T09:30", ["Input.Summary"] = "Appel Saperlipopette",
        });
        await worker.SubmitAsync($"/Rights/Notice/{id}", new() { ["Input.Method"] = "InPerson", ["Input.GivenOn"] = "2026-11-23" });
        // Invalid input and a refused write go through the warning paths too.
        await worker.SubmitManyAsync($"/Persons/Edit/{id}", PersonForm.Complete(("Input.Phone", "Philomène 06 52 41 87 93")));
        await worker.SubmitAsync($"/Rights/Restrictions/{id}", new(), "form[action*='handler=Restrict']");
        await worker.SubmitAsync($"/Persons/Details/{id}", new() { ["Input.Reason"] = "Raison de clôture Hippocampe" }, "form[action*='/Persons/Close']");
        await worker.SubmitAsync($"/Rights/Restrictions/{id}", new(), "form[action*='handler=LiftRestriction']");
        await worker.SubmitAsync($"/Persons/Details/{id}", new() { ["Input.Reason"] = "Raison de clôture Hippocampe" }, "form[action*='/Persons/Close']");

        var lead = await WebClient.SignInAsync(app, Factory, World.Lead56.Email!, World.Password);
        await lead.SubmitAsync($"/TeamLead/RetentionHold/{id}", new() { ["Input.Reason"] = "Obligation Carambar" });
        await lead.SubmitManyAsync($"/Rights/Export/{id}", [("IncludePrivateNotes", "true")], "main form");
        await lead.GetAsync($"/Rights/Access/{id}");
        await lead.SubmitAsync($"/TeamLead/RetentionHold/{id}", new(), "form[action*='handler=Release']");
        Factory.Clock.Advance(TimeSpan.FromDays(3 * 365));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(apply: true, CancellationToken.None);
        }

        Assert.NotNull(created);
        // The capture works: requests and SQL commands were logged, with ids.
        Assert.Contains(sink.Lines, l => l.Contains($"/Persons/Details/{id}", StringComparison.Ordinal));
        Assert.Contains(sink.Lines, l => l.Contains("AccompaniedPersons", StringComparison.Ordinal));
        Assert.Contains(sink.Lines, l => l.Contains("Retention (", StringComparison.Ordinal) && l.Contains("1 anonymised", StringComparison.Ordinal));
        Assert.NotNull(await Factory.WithDbAsync(db => db.Persons.Where(p => p.Id == id).Select(p => p.AnonymisedAt).SingleAsync()));
        var leaks = secrets.SelectMany(s => sink.Lines.Where(l => l.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(l => $"{s}: {l}")).ToList();
        Assert.Empty(leaks);
    }
}
