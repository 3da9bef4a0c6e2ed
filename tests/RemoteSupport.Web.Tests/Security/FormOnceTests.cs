using System.Net;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Infrastructure;
using RemoteSupport.Web.Tests.Infrastructure;
using RemoteSupport.Web.Tests.Pages.Persons;

namespace RemoteSupport.Web.Tests.Security;

/// <summary>A form submitted twice (a double click, a retry after an error page) is recorded once.</summary>
public sealed class FormOnceTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Every_form_that_posts_carries_a_one_time_key()
    {
        var client = await SignInAsync(World.Worker56);
        var page = await client.GetAsync("/Persons/Create");
        var key = page.Document.QuerySelector($"main form[method=post] input[name={FormOnceFilter.FieldName}]")?.GetAttribute("value");
        Assert.True(Guid.TryParse(key, out _));
        var again = await client.GetAsync("/Persons/Create");
        Assert.NotEqual(key, again.Document.QuerySelector($"main form input[name={FormOnceFilter.FieldName}]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Submitting_the_same_form_twice_creates_one_person_and_shows_the_same_result()
    {
        var client = await SignInAsync(World.Worker56);
        var form = await client.GetAsync("/Persons/Create");

        var first = await client.SubmitFormManyAsync(form, PersonForm.Complete());
        var second = await client.SubmitFormManyAsync(form, PersonForm.Complete());

        Assert.Equal(first.Url, second.Url);
        Assert.StartsWith("/Persons/Details/", second.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("La fiche de la personne a été créée.", second.Flash);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Persons.CountAsync()));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.ActivityLog.CountAsync()));
    }

    [Fact]
    public async Task Two_submissions_at_the_same_moment_record_once()
    {
        var client = await SignInAsync(World.Worker56);
        var form = await client.GetAsync("/Persons/Create");
        var pages = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.SubmitFormManyAsync(form, PersonForm.Complete())));

        Assert.All(pages, p => Assert.True(p.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"answered {p.Status}"));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Persons.CountAsync()));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.ActivityLog.CountAsync()));
    }

    [Fact]
    public async Task A_refused_form_keeps_its_key_free_for_the_corrected_one()
    {
        var client = await SignInAsync(World.Worker56);
        var form = await client.GetAsync("/Persons/Create");
        var refused = await client.SubmitFormManyAsync(form, PersonForm.Complete(("Input.LastName", "")));
        Assert.NotNull(refused.ErrorFor("Input.LastName"));

        var corrected = await client.SubmitFormManyAsync(form, PersonForm.Complete());
        Assert.StartsWith("/Persons/Details/", corrected.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Persons.CountAsync()));
    }

    [Fact]
    public async Task Another_users_key_is_not_replayed_to_them()
    {
        var client = await SignInAsync(World.Worker56);
        var form = await client.GetAsync("/Persons/Create");
        await client.SubmitFormManyAsync(form, PersonForm.Complete());
        var colleague = await SignInAsync(World.Colleague56);
        var colleaguesForm = await colleague.GetAsync("/Persons/Create");
        var key = form.Document.QuerySelector($"main form input[name={FormOnceFilter.FieldName}]")!.GetAttribute("value")!;
        var page = await colleague.SubmitFormManyAsync(colleaguesForm, PersonForm.Complete((FormOnceFilter.FieldName, key)));
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Persons.CountAsync()));
    }
}
