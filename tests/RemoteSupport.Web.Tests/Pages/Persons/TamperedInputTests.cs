using System.Net;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Persons;

/// <summary>Values no browser would send (a forged or broken form) get a French message, never a 500.</summary>
public sealed class TamperedInputTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task A_checkbox_that_is_neither_true_nor_false_gets_a_message_and_keeps_the_form()
    {
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitAsync("/Persons/Create", new()
        {
            ["Input.FirstName"] = "Gaëlle", ["Input.LastName"] = "Riou", ["Input.RemoteReasons"] = "MobilityProblems",
            ["Input.LivesAlone"] = "peut-être", ["Input.BirthDate"] = "31/02/1980",
        });
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Cochez la case ou laissez-la vide.", page.ErrorFor("Input.LivesAlone"));
        Assert.Equal("Saisissez une date qui existe, au format jj/mm/aaaa.", page.ErrorFor("Input.BirthDate"));
        Assert.Equal("Gaëlle", page.ValueOf("Input.FirstName"));
        Assert.Equal(0, await Factory.WithDbAsync(db => Task.FromResult(db.Persons.Count())));
    }

    [Fact]
    public async Task An_unknown_choice_gets_a_french_message()
    {
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitAsync("/Persons/Create", new()
        {
            ["Input.FirstName"] = "Gaëlle", ["Input.LastName"] = "Riou", ["Input.RemoteReasons"] = "MobilityProblems",
            ["Input.RiskLevel"] = "Apocalyptic", ["Input.ContactFrequencyDays"] = "souvent",
        });
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Choisissez une valeur proposée dans la liste.", page.ErrorFor("Input.RiskLevel"));
        Assert.Equal("Saisissez un nombre entier, en chiffres.", page.ErrorFor("Input.ContactFrequencyDays"));
    }
}
