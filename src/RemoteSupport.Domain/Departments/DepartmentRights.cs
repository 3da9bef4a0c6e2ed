using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Departments;

/// <summary>Who may hand a person the copy of their data (droit d'accès).</summary>
public enum SubjectAccessExporters
{
    /// <summary>Team leads and administrators (the default).</summary>
    TeamLeadsAndAdmins,
    /// <summary>Also the social workers who may open the file (the referent and their team).</summary>
    AlsoFollowingWorkers,
}

/// <summary>The department's data-protection settings (issue 14): how long things are kept, who exports, the notice.</summary>
public sealed partial class Department
{
    public const int AccessJournalMonthsMin = 6;
    public const int AccessJournalMonthsMax = 12;
    public const int ActivePeriodMonthsMin = 6;
    public const int ActivePeriodMonthsMax = 24;
    public const int NoticeTextMaxLength = 2000;

    /// <summary>How long the access journal (who opened which file) is kept: CNIL 2021-122 asks for 6 months to 1 year.</summary>
    public int AccessJournalMonths { get; private set; } = 12;

    /// <summary>The active period after the last contact, then the person is anonymised (CNIL 2022-008: 2 years at most).</summary>
    public int ActivePeriodMonths { get; private set; } = 24;

    public SubjectAccessExporters SubjectAccessExporters { get; private set; } = SubjectAccessExporters.TeamLeadsAndAdmins;

    // The parts of the information notice an administrator writes; the rest of the notice is the app's own text.
    /// <summary>The controller (responsable du traitement), e.g. "Conseil départemental du Morbihan, 2 rue …".</summary>
    public string? NoticeController { get; private set; }
    /// <summary>How to reach the data protection officer.</summary>
    public string? NoticeDpoContact { get; private set; }
    /// <summary>Where and how the person exercises their rights (address, e-mail, desk).</summary>
    public string? NoticeRightsContact { get; private set; }
    /// <summary>Anything the department adds (other recipients, local practices).</summary>
    public string? NoticeAdditionalText { get; private set; }

    /// <summary>
    /// The parts of the notice the department writes: blank means « not written » (the notice then says what to ask),
    /// each within <see cref="NoticeTextMaxLength"/>.
    /// </summary>
    public void ChangeNotice(string? controller, string? dpoContact, string? rightsContact, string? additionalText)
    {
        static string? Clean(string? s, string what)
        {
            if (string.IsNullOrWhiteSpace(s)) return null;
            var t = s.Trim();
            if (t.Length > NoticeTextMaxLength) throw new DomainRuleException($"{what} ne peut pas dépasser {NoticeTextMaxLength} caractères.");
            return t;
        }
        var c = Clean(controller, "Le responsable du traitement");
        var d = Clean(dpoContact, "Le contact du délégué à la protection des données");
        var r = Clean(rightsContact, "La façon d'exercer ses droits");
        var a = Clean(additionalText, "Le texte ajouté");
        (NoticeController, NoticeDpoContact, NoticeRightsContact, NoticeAdditionalText) = (c, d, r, a);
    }

    /// <summary>Who may hand a person a copy of their data (team leads and administrators by default).</summary>
    public void ChooseSubjectAccessExporters(SubjectAccessExporters exporters) => SubjectAccessExporters = exporters;

    /// <summary>Sets both retention periods, within what the CNIL allows.</summary>
    public void SetRetention(int accessJournalMonths, int activePeriodMonths)
    {
        if (accessJournalMonths is < AccessJournalMonthsMin or > AccessJournalMonthsMax)
            throw new DomainRuleException($"Le journal des consultations se conserve de {AccessJournalMonthsMin} à {AccessJournalMonthsMax} mois.");
        if (activePeriodMonths is < ActivePeriodMonthsMin or > ActivePeriodMonthsMax)
            throw new DomainRuleException($"La durée de conservation après le dernier contact va de {ActivePeriodMonthsMin} à {ActivePeriodMonthsMax} mois.");
        AccessJournalMonths = accessJournalMonths;
        ActivePeriodMonths = activePeriodMonths;
    }

    /// <summary>The oldest access-journal entry kept at <paramref name="now"/>.</summary>
    public DateTimeOffset AccessJournalKeptSince(DateTimeOffset now) => now.AddMonths(-AccessJournalMonths);

    /// <summary>Whether a user with these roles may export a person's data (the caller has already checked they may open the file).</summary>
    public bool MayExport(bool isTeamLead, bool isAdmin, bool isFollowingWorker) =>
        isTeamLead || isAdmin || (SubjectAccessExporters == SubjectAccessExporters.AlsoFollowingWorkers && isFollowingWorker);
}

public static class DepartmentRightsText
{
    public static string French(this SubjectAccessExporters e) => e switch
    {
        SubjectAccessExporters.TeamLeadsAndAdmins => "Les responsables d'équipe et les administrateurs",
        SubjectAccessExporters.AlsoFollowingWorkers => "Aussi les travailleurs sociaux qui suivent la personne",
    };
}
