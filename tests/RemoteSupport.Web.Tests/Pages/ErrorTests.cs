using System.Net;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages;

/// <summary>What a person sees when a page cannot be shown: a French title that says why, never a bare 500.</summary>
public sealed class ErrorTests(AppFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task An_unknown_address_says_the_page_was_not_found()
    {
        var client = await SignInAsync(World.Worker56);
        var page = await client.GetAsync("/Persons/NExistePas");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Page introuvable", page.Document.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_form_too_large_to_read_is_a_bad_request_in_French_not_a_server_error()
    {
        var client = await SignInAsync(World.Worker56);
        var form = await client.GetAsync("/Persons/Create");
        // More fields than the server reads in one form (1,024): the form cannot even be read to check its token.
        var fields = Enumerable.Range(0, 1_100).Select(i => ($"champ{i}", "x")).ToList();
        fields.Add(("__RequestVerificationToken", form.ValueOf("__RequestVerificationToken")!));

        var page = await client.PostAsync("/Persons/Create", fields);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("Demande incorrecte", page.Document.QuerySelector("h1")!.TextContent.Trim());
    }
}
