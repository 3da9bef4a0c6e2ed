using System.Text;

namespace RemoteSupport.Domain.Departments;

/// <summary>A piece of a notice section: a paragraph, a list, or a sub-heading.</summary>
public abstract record NoticeBlock
{
    /// <summary>A paragraph; <paramref name="KeepLines"/> keeps the line breaks an administrator typed (an address).</summary>
    public sealed record Paragraph(string Text, bool KeepLines = false) : NoticeBlock;

    public sealed record Bullets(IReadOnlyList<NoticeItem> Items) : NoticeBlock;

    public sealed record Subheading(string Text) : NoticeBlock;
}

/// <summary>One item of a list; <paramref name="Lead"/>, when there is one, is shown in bold before a dash (a tool's name).</summary>
public sealed record NoticeItem(string Text, string? Lead = null);

public sealed record NoticeSection(string Title, IReadOnlyList<NoticeBlock> Blocks);

/// <summary>An approved video tool as the notice lists it.</summary>
public sealed record NoticeTool(string Name, string PrivacyNote);

/// <summary>
/// The department's « notice d'information » (GDPR art. 13, the charter of trust of the guides): the app's own text
/// completed by what the department's administrator wrote (controller, data protection officer, how to use the rights,
/// anything else) and by its retention periods and approved tools. Said once here: the printable page renders these
/// sections in HTML and the e-mail sends <see cref="ToPlainText"/> (ADR-0025).
/// </summary>
public sealed record InformationNotice(string Title, string Service, IReadOnlyList<NoticeSection> Sections)
{
    public const string DefaultTitle = "Notice d'information — vos données et vos droits";

    public static InformationNotice For(Department d, IReadOnlyList<NoticeTool> tools)
    {
        var sections = new List<NoticeSection>
        {
            new("Pourquoi nous enregistrons des informations sur vous",
            [
                new NoticeBlock.Paragraph("Votre travailleur social vous accompagne, en partie à distance (téléphone, visioconférence, messages). "
                    + "Pour bien faire ce travail, le service garde un dossier : vos coordonnées, votre situation, vos accords pour chaque façon "
                    + "d'être contacté, les rendez-vous et ce qui y a été décidé. Ce dossier sert uniquement à votre accompagnement et au suivi de "
                    + "l'activité du service (chiffres sans nom)."),
            ]),
            new("Qui est responsable de ce dossier", Controller(d)),
            new("Ce que nous gardons",
            [
                Bullets(
                    "votre identité et vos coordonnées (nom, date de naissance, téléphone, adresse, courriel) ;",
                    "les raisons du suivi à distance, votre équipement et vos préférences de contact ;",
                    "vos réponses, accord ou refus, pour chaque façon d'être contacté, avec leur date ;",
                    "les entretiens : date, façon de se parler, compte rendu, suites décidées ;",
                    "la trace de ce qui a été fait dans votre dossier et de qui l'a consulté."),
                new NoticeBlock.Paragraph("Seuls les professionnels qui vous suivent (votre référent, son équipe et son responsable) ouvrent votre "
                    + "dossier. Chaque ouverture est enregistrée."),
            ]),
            new("Combien de temps",
            [
                new NoticeBlock.Paragraph($"Votre dossier est gardé {d.ActivePeriodMonths} mois après votre dernier contact avec le service. "
                    + "Ensuite, tout ce qui permet de vous reconnaître est effacé définitivement ; seuls restent des chiffres sans nom. Il n'est "
                    + "gardé plus longtemps que si une loi l'impose, et cela est noté dans votre dossier. "
                    + $"Les traces de consultation sont gardées {d.AccessJournalMonths} mois."),
            ]),
            new("Vos droits",
            [
                Bullets(
                    "Savoir ce que nous gardons et en recevoir une copie complète, sur papier ou en fichier.",
                    "Faire corriger une information fausse.",
                    "Refuser de recevoir des messages (SMS, courriels) : plus aucun message ne vous sera envoyé.",
                    "Demander que votre dossier soit « gelé » le temps de vérifier une contestation : il n'est plus modifié.",
                    "Donner ou retirer à tout moment votre accord pour chaque façon d'être contacté (téléphone, visioconférence…), sans que "
                    + "cela change votre accompagnement : une rencontre en personne reste toujours possible.",
                    "Faire une réclamation auprès de la CNIL (www.cnil.fr) si vous pensez que vos droits ne sont pas respectés."),
                new NoticeBlock.Subheading("Comment les exercer"),
                string.IsNullOrWhiteSpace(d.NoticeRightsContact)
                    ? new NoticeBlock.Paragraph("Parlez-en à votre travailleur social, ou écrivez au service : la demande est traitée dans un délai d'un mois.")
                    : new NoticeBlock.Paragraph(d.NoticeRightsContact.Trim(), KeepLines: true),
            ]),
            new("Notre engagement : la charte de confiance",
            [
                Bullets(
                    "Nous vous demandons votre accord avant chaque nouvelle façon de vous contacter, et nous le notons.",
                    "Au début de chaque échange à distance, nous vérifions que vous pouvez parler librement ; sinon, nous reportons.",
                    "Personne d'autre n'assiste à un entretien sans votre accord.",
                    "Nous n'utilisons que les outils choisis par le service, listés ci-dessous, jamais une messagerie personnelle.",
                    "Nous ne faisons aucun enregistrement de la voix ou de l'image."),
            ]),
            new("Les outils utilisés",
            [
                tools.Count == 0
                    ? new NoticeBlock.Paragraph("Téléphone et courrier uniquement : le service n'a pas retenu d'outil de visioconférence.")
                    : new NoticeBlock.Bullets(tools.Select(t => new NoticeItem(t.PrivacyNote.Trim(), t.Name.Trim())).ToList()),
            ]),
        };
        if (!string.IsNullOrWhiteSpace(d.NoticeAdditionalText))
            sections.Add(new("À savoir aussi", [new NoticeBlock.Paragraph(d.NoticeAdditionalText.Trim(), KeepLines: true)]));
        return new InformationNotice(DefaultTitle, $"Service : {d.Name}", sections);
    }

    private static List<NoticeBlock> Controller(Department d)
    {
        var blocks = new List<NoticeBlock>
        {
            string.IsNullOrWhiteSpace(d.NoticeController)
                ? new NoticeBlock.Paragraph($"Le département {d.Name}.")
                : new NoticeBlock.Paragraph(d.NoticeController.Trim(), KeepLines: true),
        };
        if (!string.IsNullOrWhiteSpace(d.NoticeDpoContact))
            blocks.Add(new NoticeBlock.Paragraph($"Délégué à la protection des données : {d.NoticeDpoContact.Trim()}", KeepLines: true));
        return blocks;
    }

    private static NoticeBlock.Bullets Bullets(params string[] items) => new(items.Select(i => new NoticeItem(i)).ToList());

    /// <summary>
    /// The notice as plain text, for an e-mail: the title, then each section's title on its own line followed by its
    /// text; list items start with « - »; a blank line between sections. Line breaks are "\n".
    /// </summary>
    public string ToPlainText()
    {
        var text = new StringBuilder();
        text.Append(Title).Append('\n').Append(Service).Append('\n');
        foreach (var section in Sections)
        {
            text.Append('\n').Append(section.Title).Append('\n');
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case NoticeBlock.Paragraph p:
                        text.Append(p.KeepLines ? Lines(p.Text) : p.Text.Trim()).Append('\n');
                        break;
                    case NoticeBlock.Bullets b:
                        foreach (var item in b.Items)
                            text.Append("- ").Append(item.Lead is null ? "" : item.Lead + " — ").Append(Lines(item.Text).Replace("\n", "\n  ", StringComparison.Ordinal)).Append('\n');
                        break;
                    case NoticeBlock.Subheading h:
                        text.Append(h.Text).Append(" :\n");
                        break;
                }
            }
        }
        return text.ToString().TrimEnd('\n');
    }

    // An administrator's text keeps its lines, without blank runs that would split the section in the e-mail.
    private static string Lines(string text) => string.Join('\n', text.ReplaceLineEndings("\n").Split('\n')
        .Select(l => l.TrimEnd()).Where(l => l.Length > 0));
}
