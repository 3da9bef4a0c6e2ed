namespace RemoteSupport.Browser.Tests.Infrastructure;

/// <summary>
/// One page as a person reaches it: who is signed in (null: nobody), the path, and the HTTP status expected.
/// In the path, {person} stands for a person the user follows (see <see cref="Site.ResolveAsync"/>).
/// SubmitEmpty: the page is checked after sending its form empty, with the error messages showing.
/// Picture: screenshots are saved in docs/screenshots/ ({Name}-desktop.png, {Name}-phone.png).
/// </summary>
public sealed record SitePage(string Name, DemoUser? As, string Path, int Status = 200, bool SubmitEmpty = false, bool Picture = false)
{
    public override string ToString() => Name;
}

/// <summary>
/// The pages every browser check visits: axe (WCAG 2.1 A and AA), labelled fields, weight of the first load,
/// same origin only, no sideways scrolling at 375 px, and, for the pages marked Picture, the screenshots.
/// Adding a page to all those checks is one line here.
/// </summary>
public static class SitePages
{
    public static readonly SitePage[] All =
    [
        // Anyone
        new("connexion", null, "/Account/Login", Picture: true),
        new("connexion-erreurs", null, "/Account/Login", SubmitEmpty: true),
        new("accessibilite", null, "/Accessibilite", Picture: true),
        new("acces-refuse", null, "/Account/AccessDenied", Status: 403),
        // Social worker
        new("accueil", Demo.Worker, "/", Picture: true),
        new("file-active", Demo.Worker, "/Persons", Picture: true),
        new("nouvelle-personne", Demo.Worker, "/Persons/Create"),
        new("nouvelle-personne-erreurs", Demo.Worker, "/Persons/Create", SubmitEmpty: true, Picture: true),
        new("fiche", Demo.Worker, "/Persons/Details/{person}", Picture: true),
        new("modifier-fiche", Demo.Worker, "/Persons/Edit/{person}"),
        new("clore-suivi", Demo.Worker, "/Persons/Close/{person}"),
        new("clore-suivi-erreurs", Demo.Worker, "/Persons/Close/{person}", SubmitEmpty: true),
        new("mot-de-passe", Demo.Worker, "/Account/ChangePassword"),
        new("mot-de-passe-erreurs", Demo.Worker, "/Account/ChangePassword", SubmitEmpty: true),
        new("consentement", Demo.Worker, "/Consents/Record/{person}", Picture: true),
        new("consentement-erreurs", Demo.Worker, "/Consents/Record/{person}", SubmitEmpty: true),
        new("historique-consentements", Demo.Worker, "/Consents/History/{person}"),
        new("preferences-contact", Demo.Worker, "/Consents/Preferences/{person}"),
        new("noter-contact", Demo.Worker, "/Contacts/Log/{person}"),
        new("noter-contact-erreurs", Demo.Worker, "/Contacts/Log/{person}", SubmitEmpty: true),
        new("agenda", Demo.Worker, "/Interviews/Agenda", Picture: true),
        new("page-introuvable", Demo.Worker, "/Persons/Details/00000000-0000-0000-0000-000000000000", Status: 404),
        // Team lead
        new("accueil-responsable", Demo.Lead, "/", Picture: true),
        new("file-active-responsable", Demo.Lead, "/Persons"),
        new("nouvelle-personne-responsable", Demo.Lead, "/Persons/Create"),
        new("fiche-responsable", Demo.Lead, "/Persons/Details/{person}"),
        // Administrator: their pages (issue 5) join here.
        new("listes-controle", Demo.Admin, "/Admin/Checklists"),
        new("liste-controle-visio", Demo.Admin, "/Admin/Checklists/Edit/{department}/Video", Picture: true),
    ];

    public static SitePage Named(string name) => All.Single(p => p.Name == name);

    public static TheoryData<string> Everything => [.. All.Select(p => p.Name)];

    /// <summary>The first load of each page (a form sent empty is a second request, not a first load).</summary>
    public static TheoryData<string> FirstLoads => [.. All.Where(p => !p.SubmitEmpty).Select(p => p.Name)];
}
