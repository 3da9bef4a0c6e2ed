namespace RemoteSupport.Browser.Tests.Infrastructure;

/// <summary>
/// One page as a person reaches it: who is signed in (null: nobody), the path, and the HTTP status expected.
/// In the path, {person}, {interview}… stand for records the user may open (see <see cref="Site.ResolveAsync"/>).
/// SubmitEmpty: the first load is weighed, then the page is checked after sending its form empty, with the error
/// messages showing. Never on a form that would succeed empty (it would change the demo data).
/// Picture: screenshots are saved in docs/screenshots/ ({Name}-desktop.png, {Name}-phone.png).
/// </summary>
public sealed record SitePage(string Name, DemoUser? As, string Path, int Status = 200, bool SubmitEmpty = false, bool Picture = false)
{
    public override string ToString() => Name;
}

/// <summary>
/// The pages every browser check visits: axe (WCAG 2.1 A and AA), labelled fields, weight of the first load,
/// same origin only, no sideways scrolling at 375 px, and, for the pages marked Picture, the screenshots.
/// Adding a page to all those checks is one line here. Left out: /Interviews/Calendar (an .ics download, not a
/// page) and the team lead's pages (issue 6).
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
        new("annuaire", Demo.Worker, "/Directory", Picture: true),
        new("seances-de-groupe", Demo.Worker, "/Groups"),
        new("planifier-seance", Demo.Worker, "/Groups/Plan"),
        new("planifier-seance-erreurs", Demo.Worker, "/Groups/Plan", SubmitEmpty: true),
        new("orienter", Demo.Worker, "/Directory/Orient/{person}"),
        new("orienter-erreurs", Demo.Worker, "/Directory/Orient/{person}", SubmitEmpty: true),
        new("modifier-fiche", Demo.Worker, "/Persons/Edit/{person}"),
        new("clore-suivi", Demo.Worker, "/Persons/Close/{person}"),
        new("clore-suivi-erreurs", Demo.Worker, "/Persons/Close/{person}", SubmitEmpty: true),
        new("mot-de-passe", Demo.Worker, "/Account/ChangePassword"),
        new("mot-de-passe-erreurs", Demo.Worker, "/Account/ChangePassword", SubmitEmpty: true),
        new("se-deconnecter", Demo.Worker, "/Account/Logout"),
        new("consentement", Demo.Worker, "/Consents/Record/{person}", Picture: true),
        new("consentement-erreurs", Demo.Worker, "/Consents/Record/{person}", SubmitEmpty: true),
        new("historique-consentements", Demo.Worker, "/Consents/History/{person}"),
        new("preferences-contact", Demo.Worker, "/Consents/Preferences/{person}"),
        new("noter-contact", Demo.Worker, "/Contacts/Log/{person}"),
        new("noter-contact-erreurs", Demo.Worker, "/Contacts/Log/{person}", SubmitEmpty: true),
        new("agenda", Demo.Worker, "/Interviews/Agenda", Picture: true),
        new("planifier-entretien", Demo.Worker, "/Interviews/Schedule/{person}", Picture: true),
        new("planifier-entretien-erreurs", Demo.Worker, "/Interviews/Schedule/{person}", SubmitEmpty: true),
        new("entretien", Demo.Worker, "/Interviews/Details/{interview}", Picture: true),
        new("plan-b", Demo.Worker, "/Interviews/SwitchPlanB/{interview}", SubmitEmpty: true),
        new("reporter-entretien", Demo.Worker, "/Interviews/Postpone/{interview}", SubmitEmpty: true),
        new("annuler-entretien", Demo.Worker, "/Interviews/Cancel/{interview}", SubmitEmpty: true),
        new("personne-absente", Demo.Worker, "/Interviews/NoShow/{interview}"),
        new("compte-rendu", Demo.Worker, "/Interviews/Complete/{interview}", Picture: true),
        new("compte-rendu-erreurs", Demo.Worker, "/Interviews/Complete/{interview}", SubmitEmpty: true),
        new("suite-a-donner", Demo.Worker, "/Contacts/FollowUpDone/{follow-up}"),
        new("droits-personne", Demo.Worker, "/Rights/Restrictions/{person}"),
        new("notice-information", Demo.Worker, "/Rights/Notice/{person}"),
        new("notice-information-erreurs", Demo.Worker, "/Rights/Notice/{person}", SubmitEmpty: true),
        new("envoyer-notice", Demo.Worker, "/Rights/SendNotice/{person}"),
        new("page-introuvable", Demo.Worker, "/Persons/Details/00000000-0000-0000-0000-000000000000", Status: 404),
        // Team lead
        new("accueil-responsable", Demo.Lead, "/", Picture: true),
        new("file-active-responsable", Demo.Lead, "/Persons"),
        new("nouvelle-personne-responsable", Demo.Lead, "/Persons/Create"),
        new("fiche-responsable", Demo.Lead, "/Persons/Details/{person}"),
        new("priorites", Demo.Lead, "/TeamLead/Priorities", Picture: true),
        new("ressource-ajout-erreurs", Demo.Lead, "/Directory/Edit", SubmitEmpty: true),
        new("charge-de-travail", Demo.Lead, "/TeamLead/Workload", Picture: true),
        new("chiffres", Demo.Lead, "/TeamLead/Figures", Picture: true),
        new("reassigner", Demo.Lead, "/TeamLead/Reassign"),
        new("qui-a-consulte", Demo.Lead, "/Rights/Access/{person}"),
        new("copie-des-donnees", Demo.Lead, "/Rights/Export/{person}"),
        new("a-anonymiser", Demo.Lead, "/TeamLead/Retention"),
        // Administrator (every department)
        new("utilisateurs", Demo.Admin, "/Admin/Users", Picture: true),
        new("guides-public", Demo.Admin, "/Directory/Guides"),
        new("themes-annuaire", Demo.Admin, "/Directory/Themes"),
        new("nouvel-utilisateur", Demo.Admin, "/Admin/Users/Create", SubmitEmpty: true),
        new("compte-utilisateur", Demo.Admin, "/Admin/Users/Edit/{user}", SubmitEmpty: true),
        new("mot-de-passe-provisoire", Demo.Admin, "/Admin/Users/ResetPassword/{user}"),
        new("departements", Demo.Admin, "/Admin/Departments"),
        new("departement", Demo.Admin, "/Admin/Departments/Edit/{department}", SubmitEmpty: true),
        new("nouveau-departement", Demo.Admin, "/Admin/Departments/Create", SubmitEmpty: true),
        new("nouvelle-equipe", Demo.Admin, "/Admin/Departments/Teams/Create/{department}", SubmitEmpty: true),
        new("equipe", Demo.Admin, "/Admin/Departments/Teams/Edit/{team}", SubmitEmpty: true),
        new("outils-visio", Demo.Admin, "/Admin/VideoTools"),
        new("nouvel-outil-visio", Demo.Admin, "/Admin/VideoTools/Create/{department}", SubmitEmpty: true),
        new("outil-visio", Demo.Admin, "/Admin/VideoTools/Edit/{video-tool}", SubmitEmpty: true),
        new("audit", Demo.Admin, "/Admin/Audit", Picture: true),
        new("listes-controle", Demo.Admin, "/Admin/Checklists"),
        new("liste-controle-visio", Demo.Admin, "/Admin/Checklists/Edit/{department}/Video", Picture: true),
        new("version-liste-controle", Demo.Admin, "/Admin/Checklists/Version/{checklist-version}"),
        new("journal-consultations", Demo.Admin, "/Admin/Journal"),
        new("integrite-journal", Demo.Admin, "/Admin/Journal/Chain"),
        new("protection-donnees", Demo.Admin, "/Admin/Journal/Settings/{department}"),
    ];

    public static SitePage Named(string name) => All.Single(p => p.Name == name);

    /// <summary>The pages seen by nobody or a social worker; with the next list, every page once.</summary>
    public static TheoryData<string> ForEveryoneAndSocialWorkers => [.. All.Where(p => p.As is null || p.As == Demo.Worker).Select(p => p.Name)];

    public static TheoryData<string> ForLeadsAndAdministrators => [.. All.Where(p => p.As is not null && p.As != Demo.Worker).Select(p => p.Name)];
}
