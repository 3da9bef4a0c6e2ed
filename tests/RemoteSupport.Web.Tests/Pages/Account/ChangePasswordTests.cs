using System.Net;
using WebClient = RemoteSupport.Web.Tests.Infrastructure.WebClient;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Account;

public sealed class ChangePasswordTests(AppFactory factory) : WebTest(factory)
{
    private const string NewPassword = "Nouveau!MotDePasse2027";

    private static Dictionary<string, string> Form(string current, string next, string? confirm = null) => new()
    {
        ["Input.CurrentPassword"] = current, ["Input.NewPassword"] = next, ["Input.ConfirmPassword"] = confirm ?? next,
    };

    [Fact]
    public async Task Changing_the_password_replaces_the_old_one()
    {
        var client = await SignInAsync(World.Worker56);
        var form = await client.GetAsync("/Account/ChangePassword");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Null(form.Document.QuerySelector(".notice"));

        var page = await client.SubmitFormAsync(form, Form(World.Password, NewPassword));

        Assert.Equal("/", page.Url.AbsolutePath);
        Assert.Equal("Votre mot de passe a été changé.", page.Flash);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Persons")).Status);
        await WebClient.SignInAsync(Factory, World.Worker56.Email!, NewPassword);
        var old = await Anonymous().SubmitAsync("/Account/Login", new() { ["Input.Email"] = World.Worker56.Email!, ["Input.Password"] = World.Password });
        Assert.Contains("Adresse électronique ou mot de passe incorrect.", old.Summary);
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_next_to_that_field()
    {
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitAsync("/Account/ChangePassword", Form("Pas!LeBonMotDePasse1", NewPassword));

        Assert.Equal("/Account/ChangePassword", page.Url.AbsolutePath);
        Assert.Equal("Le mot de passe actuel est incorrect.", page.ErrorFor("Input.CurrentPassword"));
        await WebClient.SignInAsync(Factory, World.Worker56.Email!, World.Password);
    }

    [Fact]
    public async Task Wrong_current_passwords_count_toward_the_lockout_and_end_the_session()
    {
        var hashBefore = await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == World.Worker56.Id).Select(u => u.PasswordHash).SingleAsync());
        var client = await SignInAsync(World.Worker56);
        for (var i = 0; i < 4; i++)
        {
            var wrong = await client.SubmitAsync("/Account/ChangePassword", Form($"Pas!LeBonMotDePasse{i}", NewPassword));
            Assert.Equal("Le mot de passe actuel est incorrect.", wrong.ErrorFor("Input.CurrentPassword"));
        }

        var fifth = await client.SubmitAsync("/Account/ChangePassword", Form("Pas!LeBonMotDePasse5", NewPassword));

        Assert.Equal("/Account/Login", fifth.Url.AbsolutePath);
        Assert.Contains("bloqué pour quelques minutes", fifth.Flash);
        Assert.Equal("/Account/Login", (await client.GetAsync("/Persons")).Url.AbsolutePath);
        var again = await Anonymous().SubmitAsync("/Account/Login", new() { ["Input.Email"] = World.Worker56.Email!, ["Input.Password"] = World.Password });
        Assert.Contains("Adresse électronique ou mot de passe incorrect.", again.Summary); // a lock tells no more than a wrong password
        var stored = await Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == World.Worker56.Id));
        Assert.NotNull(stored.LockoutEnd);
        Assert.Equal(hashBefore, stored.PasswordHash);
    }

    [Fact]
    public async Task A_right_current_password_clears_earlier_failures()
    {
        var client = await SignInAsync(World.Worker56);
        for (var i = 0; i < 3; i++)
            await client.SubmitAsync("/Account/ChangePassword", Form($"Pas!LeBonMotDePasse{i}", NewPassword));

        var page = await client.SubmitAsync("/Account/ChangePassword", Form(World.Password, NewPassword));

        Assert.Equal("Votre mot de passe a été changé.", page.Flash);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == World.Worker56.Id).Select(u => u.AccessFailedCount).SingleAsync()));
    }

    [Theory]
    [InlineData("", "", "", "Input.CurrentPassword", "Saisissez votre mot de passe actuel.")]
    [InlineData(World.Password, "", "", "Input.NewPassword", "Choisissez un nouveau mot de passe.")]
    [InlineData(World.Password, "Court!1a", "Court!1a", "Input.NewPassword", "Le nouveau mot de passe doit compter au moins 12 caractères.")]
    [InlineData(World.Password, World.Password, World.Password, "Input.NewPassword", "Le nouveau mot de passe doit être différent de l'actuel.")]
    [InlineData(World.Password, NewPassword, "Nouveau!MotDePasse2028", "Input.ConfirmPassword", "La confirmation ne correspond pas au nouveau mot de passe.")]
    [InlineData(World.Password, "Azerty123456!", "Azerty123456!", "Input.NewPassword", "Ce mot de passe fait partie des mots de passe les plus courants : choisissez-en un moins prévisible, par exemple une phrase de plusieurs mots.")]
    [InlineData(World.Password, "Aaaaaaaaaaa1!", "Aaaaaaaaaaa1!", "Input.NewPassword", "Ce mot de passe répète trop les mêmes caractères : choisissez-en un moins prévisible, par exemple une phrase.")]
    [InlineData(World.Password, "            A1!a", "            A1!a", "Input.NewPassword", "Le mot de passe doit compter au moins 12 caractères, sans compter les espaces au début et à la fin.")]
    [InlineData(World.Password, "ts1@cd56.test-2026!", "ts1@cd56.test-2026!", "Input.NewPassword", "Le mot de passe ne doit pas contenir votre adresse électronique.")]
    [InlineData(World.Password, "Travailleuse du 56 !", "Travailleuse du 56 !", "Input.NewPassword", "Le mot de passe ne doit pas contenir votre nom ou votre prénom.")]
    public async Task Each_problem_gets_a_french_message_next_to_its_field(string current, string next, string confirm, string field, string message)
    {
        var client = await SignInAsync(World.Worker56);
        var page = await client.SubmitAsync("/Account/ChangePassword", Form(current, next, confirm));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(message, page.ErrorFor(field));
        Assert.Equal("", page.ValueOf("Input.NewPassword"));
        await WebClient.SignInAsync(Factory, World.Worker56.Email!, World.Password);
    }

    [Fact]
    public async Task A_user_with_a_one_time_password_must_choose_a_new_one_before_anything_else()
    {
        await Factory.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == World.Worker56.Id)).MustChangePassword = true;
            await db.SaveChangesAsync();
        });
        var client = await SignInAsync(World.Worker56);

        foreach (var url in new[] { "/", "/Persons", "/Persons/Create" })
        {
            var page = await client.GetAsync(url);
            Assert.True(page.Url.AbsolutePath == "/Account/ChangePassword", $"{url} led to {page.Url.AbsolutePath}");
            Assert.Contains("mot de passe provisoire", page.Document.QuerySelector(".notice")!.TextContent);
        }

        var changed = await client.SubmitAsync("/Account/ChangePassword", Form(World.Password, NewPassword));

        Assert.Equal("/", changed.Url.AbsolutePath);
        Assert.Equal("Votre mot de passe a été changé.", changed.Flash);
        var persons = await client.GetAsync("/Persons");
        Assert.Equal(("/Persons", HttpStatusCode.OK), (persons.Url.AbsolutePath, persons.Status));
        Assert.False(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == World.Worker56.Id).Select(u => u.MustChangePassword).SingleAsync()));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var page = await Anonymous().GetAsync("/Account/ChangePassword");
        Assert.Equal("/Account/Login", page.Url.AbsolutePath);
    }
}
