using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Directory;
using RemoteSupport.Domain.Messages;
using RemoteSupport.Domain.Interviews;
using RemoteSupport.Web.Data.Seed;
using RemoteSupport.Web.Identity;
using RemoteSupport.Web.Tests.Infrastructure;
using RemoteSupport.Web.Tests.Pages.Interviews;
using WebClient = RemoteSupport.Web.Tests.Infrastructure.WebClient;

namespace RemoteSupport.Web.Tests.Security;

/// <summary>
/// The route sweep of issue 12: every page handler of the app (GET and POST), read from its endpoint data, that takes a
/// record's id (in the route or the query) is tried by a user of another team and a user of another department, who
/// must get 404 — POSTs with a valid antiforgery token, so the 404 comes from the handler's own check. A page this test
/// does not know how to cover fails it until a line is added to <see cref="Routes"/>.
/// </summary>
public sealed partial class RouteAuthorizationTests(AppFactory factory) : WebTest(factory)
{
    /// <summary>The records of CD56 (team Vannes) every covered route points at.</summary>
    private sealed record Records(Guid PersonId, Guid InterviewId, Guid FollowUpId, Guid TemplateId, Guid ToolId, int TeamId, int DepartmentId, Guid UserId,
        Guid ResourceId, Guid GuideId, Guid MessageId, Guid SessionId);

    /// <summary>
    /// Who guards a route: a person's file (team and department); the administration of a department; a record every
    /// worker of its department sees (directory); or a record every team lead of its department sees (team lead pages,
    /// lead-only actions) — its outsider is a team lead of the other department, who passes the role policy and only
    /// fails the record's own check (a worker would be refused by the role first, with a redirection, not a 404).
    /// </summary>
    private enum Scope { PersonFile, Administration, Department, TeamLeadFile }

    /// <summary>Route template → how to build its URL for a record of CD56, and the scope that guards it.</summary>
    private static readonly Dictionary<string, (Scope Scope, Func<Records, string> Url)> Routes = new()
    {
        ["Contacts/FollowUpDone/{id:guid}"] = (Scope.PersonFile, r => $"/Contacts/FollowUpDone/{r.FollowUpId}"),
        ["Contacts/Log/{personId:guid}"] = (Scope.PersonFile, r => $"/Contacts/Log/{r.PersonId}"),
        ["Interviews/Details/{id:guid}"] = (Scope.PersonFile, r => $"/Interviews/Details/{r.InterviewId}"),
        ["Interviews/Cancel/{id:guid}"] = (Scope.PersonFile, r => $"/Interviews/Cancel/{r.InterviewId}"),
        ["Interviews/Complete/{id:guid}"] = (Scope.PersonFile, r => $"/Interviews/Complete/{r.InterviewId}"),
        ["Interviews/NoShow/{id:guid}"] = (Scope.PersonFile, r => $"/Interviews/NoShow/{r.InterviewId}"),
        ["Interviews/Postpone/{id:guid}"] = (Scope.PersonFile, r => $"/Interviews/Postpone/{r.InterviewId}"),
        ["Interviews/SwitchPlanB/{id:guid}"] = (Scope.PersonFile, r => $"/Interviews/SwitchPlanB/{r.InterviewId}"),
        ["Interviews/Calendar/{id:guid?}"] = (Scope.PersonFile, r => $"/Interviews/Calendar/{r.InterviewId}"),
        ["Interviews/Schedule/{personId:guid}"] = (Scope.PersonFile, r => $"/Interviews/Schedule/{r.PersonId}"),
        ["Persons/Details/{id:guid}"] = (Scope.PersonFile, r => $"/Persons/Details/{r.PersonId}"),
        ["Persons/Edit/{id:guid}"] = (Scope.PersonFile, r => $"/Persons/Edit/{r.PersonId}"),
        ["Persons/Close/{id:guid}"] = (Scope.PersonFile, r => $"/Persons/Close/{r.PersonId}"),
        ["Persons/Reopen/{id:guid}"] = (Scope.PersonFile, r => $"/Persons/Reopen/{r.PersonId}"),
        ["Consents/Record/{personId:guid}"] = (Scope.PersonFile, r => $"/Consents/Record/{r.PersonId}"),
        ["Consents/History/{personId:guid}"] = (Scope.PersonFile, r => $"/Consents/History/{r.PersonId}"),
        ["Consents/Preferences/{personId:guid}"] = (Scope.PersonFile, r => $"/Consents/Preferences/{r.PersonId}"),
        ["Admin/Checklists/Edit/{departmentId:int}/{modality}"] = (Scope.Administration, r => $"/Admin/Checklists/Edit/{r.DepartmentId}/Phone"),
        ["Admin/Checklists/Version/{id:guid}"] = (Scope.Administration, r => $"/Admin/Checklists/Version/{r.TemplateId}"),
        ["Admin/VideoTools/Create/{departmentId:int}"] = (Scope.Administration, r => $"/Admin/VideoTools/Create/{r.DepartmentId}"),
        ["Admin/VideoTools/Edit/{id:guid}"] = (Scope.Administration, r => $"/Admin/VideoTools/Edit/{r.ToolId}"),
        ["Admin/Departments/Edit/{id:int}"] = (Scope.Administration, r => $"/Admin/Departments/Edit/{r.DepartmentId}"),
        ["Admin/Departments/Teams/Create/{departmentId:int}"] = (Scope.Administration, r => $"/Admin/Departments/Teams/Create/{r.DepartmentId}"),
        ["Admin/Departments/Teams/Edit/{id:int}"] = (Scope.Administration, r => $"/Admin/Departments/Teams/Edit/{r.TeamId}"),
        ["Admin/Users/Edit/{id:guid}"] = (Scope.Administration, r => $"/Admin/Users/Edit/{r.UserId}"),
        ["Admin/Users/ResetPassword/{id:guid}"] = (Scope.Administration, r => $"/Admin/Users/ResetPassword/{r.UserId}"),
        ["Admin/Users/ResetSecondFactor/{id:guid}"] = (Scope.Administration, r => $"/Admin/Users/ResetSecondFactor/{r.UserId}"),
        ["Admin/Journal/Settings/{id:int?}"] = (Scope.Administration, r => $"/Admin/Journal/Settings/{r.DepartmentId}"),
        ["Admin/MessageTexts/Edit/{departmentId:int}/{purpose}/{channel}"] = (Scope.Administration, r => $"/Admin/MessageTexts/Edit/{r.DepartmentId}/Invitation/Email"),
        ["Directory/Guides/Edit"] = (Scope.Administration, r => $"/Directory/Guides/Edit?departmentId={r.DepartmentId}&modality=Phone&toolId="),
        ["Directory/Details/{id:guid}"] = (Scope.Department, r => $"/Directory/Details/{r.ResourceId}"),
        ["Directory/Guides/Print/{id:guid}"] = (Scope.Department, r => $"/Directory/Guides/Print/{r.GuideId}"),
        ["Directory/Edit/{id:guid?}"] = (Scope.TeamLeadFile, r => $"/Directory/Edit/{r.ResourceId}"),
        ["Directory/Orient/{personId:guid}"] = (Scope.PersonFile, r => $"/Directory/Orient/{r.PersonId}?resourceId={r.ResourceId}"),
        ["Directory/SendCard/{personId:guid}"] = (Scope.PersonFile, r => $"/Directory/SendCard/{r.PersonId}?resourceId={r.ResourceId}"),
        ["Messages/Details/{id:guid}"] = (Scope.PersonFile, r => $"/Messages/Details/{r.MessageId}"),
        ["Messages/RemindNow/{id:guid}"] = (Scope.PersonFile, r => $"/Messages/RemindNow/{r.InterviewId}"),
        ["Messages/Send/{personId:guid}"] = (Scope.PersonFile, r => $"/Messages/Send/{r.PersonId}"),
        ["Rights/Access/{id:guid}"] = (Scope.TeamLeadFile, r => $"/Rights/Access/{r.PersonId}"),
        ["Rights/Export/{id:guid}"] = (Scope.TeamLeadFile, r => $"/Rights/Export/{r.PersonId}"),
        ["Rights/Notice/{id:guid?}"] = (Scope.PersonFile, r => $"/Rights/Notice/{r.PersonId}"),
        ["Rights/Restrictions/{id:guid}"] = (Scope.PersonFile, r => $"/Rights/Restrictions/{r.PersonId}"),
        ["Rights/SendNotice/{id:guid}"] = (Scope.PersonFile, r => $"/Rights/SendNotice/{r.PersonId}"),
        ["TeamLead/RetentionHold/{id:guid}"] = (Scope.TeamLeadFile, r => $"/TeamLead/RetentionHold/{r.PersonId}"),
        // Group sessions (issue 16): seen by the department's workers; run by the session's team (tested in GroupSessionTests).
        ["Groups/Details/{id:guid}"] = (Scope.Department, r => $"/Groups/Details/{r.SessionId}"),
        ["Groups/Edit/{id:guid}"] = (Scope.Department, r => $"/Groups/Edit/{r.SessionId}"),
        ["Groups/Cancel/{id:guid}"] = (Scope.Department, r => $"/Groups/Cancel/{r.SessionId}"),
        ["Groups/AttendanceSheet/{id:guid}"] = (Scope.Department, r => $"/Groups/AttendanceSheet/{r.SessionId}"),
        ["Groups/Summary/{id:guid}"] = (Scope.Department, r => $"/Groups/Summary/{r.SessionId}"),
        ["Groups/Participants/{id:guid}"] = (Scope.Department, r => $"/Groups/Participants/{r.SessionId}?personId={r.PersonId}"),
    };

    /// <summary>
    /// Handlers that read and write nothing and only redirect to another page of the same record: the outsider must
    /// get 404 from that page (followed once). Anything else must answer 404 itself.
    /// </summary>
    private static readonly HashSet<string> RedirectOnly = ["GET Persons/Reopen/{id:guid}"];

    /// <summary>One handler of one page: what the endpoint data says.</summary>
    private sealed record Handler(string Template, string HttpMethod, string? Name, IReadOnlyList<string> IdParameters)
    {
        public override string ToString() => $"{HttpMethod} {Template}{(Name is null ? "" : $" ?handler={Name}")}";
    }

    /// <summary>Every page handler of the app, from the endpoint data source and the compiled page descriptors.</summary>
    private async Task<IReadOnlyList<Handler>> HandlersAsync()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        var loader = Factory.Services.GetRequiredService<PageLoader>();
        var handlers = new List<Handler>();
        foreach (var endpoint in endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page) continue;
            // A page answers on its canonical route; "Index" pages also answer on their folder, which is the same page.
            var template = endpoint.RoutePattern.RawText ?? "";
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            foreach (var method in compiled.HandlerMethods)
            {
                // A page overriding OnPageHandlerExecuting/Executed/Selected shows these as "handlers" (their names start
                // with "On"); they are filters, not requests anyone can send, and neither is any verb but GET and POST.
                if (method.Name is "HandlerExecuting" or "HandlerExecuted" or "HandlerSelected"
                    || !(method.HttpMethod.Equals("GET", StringComparison.OrdinalIgnoreCase) || method.HttpMethod.Equals("POST", StringComparison.OrdinalIgnoreCase)))
                    continue;
                var routeIds = RouteParameter().Matches(template).Select(m => m.Groups[1].Value)
                    .Where(p => p.EndsWith("id", StringComparison.OrdinalIgnoreCase));
                var queryIds = method.Parameters.Select(p => p.Name)
                    .Where(n => n.EndsWith("id", StringComparison.OrdinalIgnoreCase) && !template.Contains($"{{{n}", StringComparison.OrdinalIgnoreCase));
                handlers.Add(new Handler(template, method.HttpMethod.ToUpperInvariant(), method.Name, [.. routeIds, .. queryIds]));
            }
        }
        return handlers.DistinctBy(h => h.ToString()).OrderBy(h => h.ToString(), StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"\{([A-Za-z]+)")]
    private static partial Regex RouteParameter();

    [Fact]
    public async Task Every_handler_is_found_and_every_one_taking_an_id_is_covered()
    {
        var handlers = await HandlersAsync();

        // The sweep reads the app itself: the pages of this area must be there, POST handlers included.
        Assert.Contains(handlers, h => h.ToString() == "POST Interviews/Details/{id:guid} ?handler=Start");
        Assert.Contains(handlers, h => h.ToString() == "POST Interviews/Schedule/{personId:guid}");
        Assert.Contains(handlers, h => h.ToString() == "POST Contacts/FollowUpDone/{id:guid}");
        var uncovered = handlers.Where(h => h.IdParameters.Count > 0 && !Routes.ContainsKey(h.Template)).Select(h => h.ToString()).ToList();
        Assert.True(uncovered.Count == 0, "Routes taking an id that the sweep does not cover yet (add them to Routes): " + string.Join("; ", uncovered));
    }

    [Fact]
    public async Task Users_of_another_team_or_department_get_404_on_every_handler_taking_an_id()
    {
        var records = await ArrangeAsync();
        var adminOf29 = await AdminOfAsync(World.Cd29);
        var failures = new List<string>();
        var clients = new Dictionary<string, WebClient>();
        foreach (var handler in (await HandlersAsync()).Where(h => h.IdParameters.Count > 0 && Routes.ContainsKey(h.Template)))
        {
            var (scope, url) = Routes[handler.Template];
            var outsiders = scope switch
            {
                Scope.PersonFile => new[] { ("another team", World.OtherTeamWorker56.Email!), ("another department", World.Worker29.Email!) },
                Scope.Department => [("another department", World.Worker29.Email!)],
                Scope.TeamLeadFile => [("another department (team lead)", World.Lead29.Email!)],
                _ => [("another department", adminOf29)],
            };
            foreach (var (who, email) in outsiders)
            {
                if (!clients.TryGetValue(email, out var client))
                    clients[email] = client = await WebClient.SignInAsync(Factory, email, World.Password);
                var (status, detail) = await SendAsync(client, handler, url(records));
                if (status == HttpStatusCode.Found && RedirectOnly.Contains(handler.ToString()))
                {
                    using var followed = await client.Http.GetAsync(detail[2..]);
                    (status, detail) = (followed.StatusCode, "after its redirection");
                }
                if (status != HttpStatusCode.NotFound) failures.Add($"{handler} by a user of {who}: {(int)status} {detail}");
            }
        }
        Assert.True(failures.Count == 0, "Handlers that do not answer 404 to an outsider: " + string.Join("; ", failures));
    }

    /// <summary>
    /// The status of the handler's own answer, redirections not followed. A handler with no id in its route gets the
    /// record's id in the query, under each of its id parameters. A POST carries a valid antiforgery token, taken from a page
    /// every signed-in user can open: only the handler's own authorization can refuse it.
    /// </summary>
    private static async Task<(HttpStatusCode Status, string Detail)> SendAsync(WebClient client, Handler handler, string path)
    {
        // A route's URL may already carry its query ids (a second record, e.g. the resource sent to a person).
        var given = path.Split('?', 2) is [_, var q] ? q.Split('&').Select(kv => kv.Split('=')[0]).ToHashSet(StringComparer.OrdinalIgnoreCase) : [];
        var query = new List<string>();
        if (handler.Name is { } name) query.Add($"handler={name}");
        var guid = path.Split('?')[0][(path.Split('?')[0].LastIndexOf('/') + 1)..];
        foreach (var id in handler.IdParameters.Where(p => !handler.Template.Contains($"{{{p}", StringComparison.OrdinalIgnoreCase) && !given.Contains(p)))
            query.Add($"{id}={(Guid.TryParse(guid, out _) ? guid : Guid.CreateVersion7().ToString())}");
        var url = query.Count == 0 ? path : $"{path}{(path.Contains('?') ? '&' : '?')}{string.Join("&", query)}";
        if (handler.HttpMethod == "GET")
        {
            using var get = await client.Http.GetAsync(url);
            return (get.StatusCode, Detail(get));
        }
        var token = (await client.GetAsync("/Account/ChangePassword")).Document
            .QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        using var post = await client.Http.PostAsync(url, content);
        return (post.StatusCode, Detail(post));
    }

    private static string Detail(HttpResponseMessage response) => response.Headers.Location is { } location ? $"→ {location}" : "";

    private async Task<Records> ArrangeAsync()
    {
        var person = await World.AddPersonAsync(Factory, World.Worker56);
        await InterviewData.ConsentAsync(Factory, person, World.Worker56, ConsentDecision.Granted, Modality.Phone);
        var template = await InterviewData.StandardTemplateAsync(Factory, World.Cd56.Id, Modality.Phone);
        var tool = await InterviewData.AddToolAsync(Factory, World.Cd56.Id);
        var interview = await InterviewData.AddInterviewAsync(Factory, person, World.Worker56, template: template);
        var action = await Factory.WithDbAsync(async db =>
        {
            var a = await TestInterviews.FollowUpAsync(db, person, "La personne", "Envoyer l'avis d'imposition", new DateOnly(2026, 12, 4));
            await db.SaveChangesAsync();
            return a;
        });
        var (resource, guide, message) = await Factory.WithDbAsync(async db =>
        {
            var r = new Resource
            {
                DepartmentId = World.Cd56.Id, Name = "Espace numérique de Kerlann", Themes = [DirectoryThemes.Digital], Offer = "Accueil et aide sur place.",
                Phone = "02 61 91 00 01", Address = "1 rue de la Fiction", PostalCode = "56000", OpeningHours = "Lundi 9h-12h", IsActive = true,
                UpdatedAt = TestClock.Start,
            };
            r.SetCommune("Vannes");
            var g = new PublicGuide { DepartmentId = World.Cd56.Id, Modality = Modality.Phone, Title = "Guide 56", Steps = "Une étape.", HelpPhone = "02 61 91 00 00" };
            var m = OutboxMessage.Plan(World.Cd56.Id, person.Id, null, MessagePurpose.Free, MessageChannel.Sms, "0677123451",
                new MessageContent(null, "Pouvez-vous me rappeler ?"), TestClock.Start.AddDays(1), null, World.Worker56.Id, TestClock.Start);
            db.Resources.Add(r);
            db.PublicGuides.Add(g);
            db.OutboxMessages.Add(m);
            await db.SaveChangesAsync();
            return (r, g, m);
        });
        var session = await RemoteSupport.Web.Tests.Pages.Groups.GroupData.SessionAsync(Factory, World.Worker56);
        return new Records(person.Id, interview.Id, action.Id, template.Id, tool.Id, World.Vannes.Id, World.Cd56.Id, World.Worker56.Id,
            resource.Id, guide.Id, message.Id, session.Id);
    }

    /// <summary>An administrator of one department only, to try the administration of the other.</summary>
    private Task<string> AdminOfAsync(Department department) =>
        Factory.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var email = $"admin@{department.Code.ToLowerInvariant()}.test";
            var user = new AppUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Admin " + department.Code, DepartmentId = department.Id,
                CreatedAt = TestClock.Start,
            };
            Assert.True((await users.CreateAsync(user, World.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Admin);
            return email;
        });
}
