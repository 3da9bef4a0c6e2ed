using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Web.Tests.Infrastructure;
using WebClient = RemoteSupport.Web.Tests.Infrastructure.WebClient;

namespace RemoteSupport.Web.Tests.Security;

/// <summary>
/// Every route of the application, read from its endpoint data (so a page added later is swept too), with the
/// requests that used to end in a 500: a POST to a page that only reads, an unknown handler, a NUL or control character
/// in the query string. Anonymous, as a worker, a team lead and an administrator: never a 5xx.
/// </summary>
public sealed class NoServerErrorTests(AppFactory factory) : WebTest(factory)
{
    private List<string> Routes()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints.Select(e => Url(e.RoutePattern)).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static string Url(RoutePattern pattern)
    {
        var parts = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content == "guid") => Guid.NewGuid().ToString(),
            RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content is "int" or "long") => "987654",
            RoutePatternParameterPart p when p.IsOptional => "",
            RoutePatternParameterPart => "x",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        })));
        return "/" + string.Join('/', parts.Where(p => p.Length > 0));
    }

    [Fact]
    public async Task No_route_answers_a_server_error_to_hostile_requests()
    {
        var routes = Routes();
        Assert.Contains(routes, r => r.StartsWith("/Persons/Details/", StringComparison.Ordinal));
        Assert.Contains("/TeamLead/Figures", routes);
        Assert.True(routes.Count > 40, $"only {routes.Count} routes found");
        var clients = new List<(string Who, WebClient Client)>
        {
            ("anonyme", Anonymous()),
            ("travailleur", await SignInAsync(World.Worker56)),
            ("responsable", await SignInAsync(World.Lead56)),
            ("administrateur", await SignInAsync(World.SuperAdmin)),
        };
        var failures = new List<string>();
        foreach (var (who, client) in clients)
        {
            var token = who == "anonyme"
                ? (await client.GetAsync("/Account/Login")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!
                : (await client.GetAsync("/Account/Logout")).Document.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            foreach (var route in routes.Where(r => !r.StartsWith("/Account/Logout", StringComparison.Ordinal)))
            {
                var separator = route.Contains('?', StringComparison.Ordinal) ? "&" : "?";
                var requests = new List<(string Method, string Url)>
                {
                    ("GET", route),
                    ("GET", route + separator + "handler=Nope"),
                    ("GET", route + separator + "q=%00&area=a%00b&status=%01&page=%00"),
                    ("POST", route),
                    ("POST", route + separator + "handler=Nope"),
                    ("POST", route + separator + "q=%00"),
                    ("PUT", route),
                };
                foreach (var (method, url) in requests)
                {
                    using var message = new HttpRequestMessage(new HttpMethod(method), url);
                    if (method != "GET")
                        message.Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Name", "a\0b")]);
                    using var response = await client.Http.SendAsync(message);
                    if ((int)response.StatusCode >= 500) failures.Add($"{who} {method} {url} → {(int)response.StatusCode}");
                }
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_post_to_a_page_that_only_reads_is_405_with_the_french_page()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        var client = await SignInAsync(World.Worker56);
        var token = (await client.GetAsync("/Account/Logout")).Document.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var url in new[] { $"/Persons/Details/{person.Id}", $"/Consents/History/{person.Id}", "/Interviews/Agenda" })
        {
            var page = await client.PostAsync(url, [("__RequestVerificationToken", token)]);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, page.Status);
            Assert.Contains("Action impossible sur cette page", page.Text);
        }
        var unknown = await client.PostAsync($"/Persons/Edit/{person.Id}?handler=Nope", [("__RequestVerificationToken", token)]);
        Assert.True(unknown.Status is HttpStatusCode.BadRequest or HttpStatusCode.OK, $"answered {unknown.Status}");
    }

    [Fact]
    public async Task Control_characters_in_a_query_string_are_stripped_before_the_database_and_refused_in_a_path()
    {
        var admin = await SignInAsync(World.SuperAdmin);
        foreach (var url in new[] { "/Admin/Users?q=%00", "/Admin/Audit?area=%00", "/Admin/Audit?area=Us%00ers" })
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).Status);
        // The search goes on with what is left.
        var found = await admin.GetAsync("/Admin/Users?q=Tra%00vail%07leuse");
        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Contains("Léa Travailleuse", found.Text);
        Assert.DoesNotContain("Hugo Collègue", found.Text);

        var path = await admin.GetAsync("/Admin/Us%07ers");
        Assert.Equal(HttpStatusCode.BadRequest, path.Status);
        Assert.Contains("Demande incorrecte", path.Text);
    }
}
