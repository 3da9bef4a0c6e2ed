using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Tests.Infrastructure;

namespace RemoteSupport.Web.Tests.Pages.Persons;

/// <summary>Shared pieces of the person tests: a complete valid form, and reading what the journal stored.</summary>
internal static class PersonForm
{
    /// <summary>Every field of the person form filled with valid values, as a browser would post them.</summary>
    public static List<(string Name, string Value)> Complete(params (string Name, string Value)[] overrides)
    {
        List<(string Name, string Value)> fields =
        [
            ("Input.FirstName", "Gwenola"),
            ("Input.LastName", "Le Dantec"),
            ("Input.BirthDate", "1958-04-17"),
            ("Input.Phone", "06.39.98.12.34"),
            ("Input.Email", "  gwenola.ledantec@exemple.test "),
            ("Input.Address", "12 rue des Hortensias"),
            ("Input.PostalCode", "56000"),
            ("Input.City", "Vannes"),
            ("Input.RemoteReasons", "MobilityProblems"),
            ("Input.RemoteReasons", "GeographicDistance"),
            ("Input.RiskLevel", "High"),
            ("Input.FirstFaceToFaceMeetingOn", "2026-10-05"),
            ("Input.ContactFrequencyDays", "14"),
            ("Input.LivesAlone", "true"),
            ("Input.HasSmartphone", "true"),
            ("Input.HasComputer", "false"),
            ("Input.HasInternetAccess", "true"),
            ("Input.DigitalSkills", "None"),
            ("Input.IsAllophone", "true"),
            ("Input.Language", "breton"),
            ("Input.NeedsEasyToRead", "true"),
        ];
        foreach (var name in overrides.Select(o => o.Name).Distinct())
            fields.RemoveAll(f => f.Name == name);
        fields.AddRange(overrides);
        return fields;
    }

    /// <summary>The journal entries stored for a person, oldest first.</summary>
    public static Task<List<ActivityLogEntry>> JournalAsync(AppFactory factory, Guid personId) =>
        factory.WithDbAsync(db => db.ActivityLog.AsNoTracking().Where(a => a.PersonId == personId).OrderBy(a => a.Id).ToListAsync());

    /// <summary>The antiforgery token of the signed-in user, read from one of their own forms (for hand-made posts).</summary>
    public static async Task<string> TokenAsync(WebClient client)
    {
        var page = await client.GetAsync("/Account/ChangePassword");
        return page.Document.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
    }
}
