using System.Text;
using System.Text.RegularExpressions;
using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Messages;

/// <summary>A department's text for one purpose and one channel; without one, the default text applies.</summary>
public sealed class MessageTemplate : IDepartmentScoped
{
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 4000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int DepartmentId { get; set; }
    public MessagePurpose Purpose { get; set; }
    public MessageChannel Channel { get; set; }
    public string? Subject { get; set; }
    public string Body { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid UpdatedById { get; set; }
    public uint Version { get; set; }
}

/// <summary>A department's message settings: the reminder delay.</summary>
public sealed class MessageSettings : IDepartmentScoped
{
    public const int DefaultReminderHoursBefore = 24;
    public int DepartmentId { get; set; }
    /// <summary>How long before the interview the SMS reminder is due (it still waits for an allowed moment).</summary>
    public int ReminderHoursBefore { get; set; } = DefaultReminderHoursBefore;
    public uint Version { get; set; }
}

public sealed record Placeholder(string Name, string Description, bool AllowedInSms);

/// <summary>The placeholders a text may use, the check of a text, and its rendering.</summary>
public static partial class MessageTemplates
{
    public static readonly IReadOnlyList<Placeholder> Placeholders =
    [
        new("prenom", "le prénom de la personne", true),
        new("date", "la date de l'entretien (jour et date)", true),
        new("heure", "l'heure de début, heure de Paris", true),
        new("modalite", "la modalité : téléphone, audioconférence ou visioconférence", true),
        new("duree", "la durée annoncée", true),
        new("connexion", "pour la visio : l'heure du test de connexion (15 minutes avant) et comment rejoindre", false),
        new("objectifs", "les objectifs que vous choisissez de partager", false),
        new("participants", "le nombre de participants", false),
        new("numero_secours", "le numéro à appeler si la connexion échoue", true),
        new("plan_b", "le plan B prévu", false),
        new("guide", "le mode d'emploi de l'outil pour le public", false),
        new("confidentialite", "la note de confidentialité de l'outil", false),
        new("travailleur", "votre nom", true),
        new("contact_travailleur", "votre contact professionnel", false),
        new("service", "le nom du département", true),
        new("ancienne_date", "l'ancienne date, pour un report", true),
        new("message", "le texte libre que vous écrivez", true),
        new("theme", "le thème d'une séance de groupe", false),
        new("ordre_du_jour", "l'ordre du jour d'une séance de groupe", false),
        new("regles", "les règles de parole d'une séance de groupe", false),
        new("pause", "la pause prévue pendant une séance de groupe", true),
    ];

    private static readonly Dictionary<string, Placeholder> ByName = Placeholders.ToDictionary(p => p.Name, StringComparer.Ordinal);

    [GeneratedRegex(@"\{([^{}\s]*)\}")]
    private static partial Regex PlaceholderPattern();

    /// <summary>Every problem of a text, in French: an unknown placeholder, one an SMS may not carry, a stray brace.</summary>
    public static IReadOnlyList<string> Check(string? text, MessageChannel channel)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(text)) return errors;
        foreach (Match m in PlaceholderPattern().Matches(text))
        {
            var name = m.Groups[1].Value;
            if (!ByName.TryGetValue(name, out var p))
                errors.Add($"Le champ {{{name}}} n'existe pas. Utilisez seulement les champs de la liste, par exemple {{prenom}} ou {{date}}.");
            else if (channel == MessageChannel.Sms && !p.AllowedInSms)
                errors.Add($"Le champ {{{name}}} ne peut pas figurer dans un SMS : un SMS peut être lu par un tiers, il reste sans détail sur l'entretien ou la situation.");
        }
        var stripped = PlaceholderPattern().Replace(text, "");
        if (stripped.Contains('{') || stripped.Contains('}'))
            errors.Add("Une accolade est seule ou entoure un nom avec des espaces : écrivez les champs ainsi, {prenom}.");
        return errors.Distinct().ToList();
    }

    /// <summary>
    /// Fills the placeholders. A line holding only a placeholder whose value is empty disappears, so a phone interview's
    /// invitation has no empty « connexion » line; runs of blank lines shrink to one.
    /// </summary>
    public static string Render(string template, IReadOnlyDictionary<string, string?> values)
    {
        var lines = template.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var output = new StringBuilder();
        var blank = false;
        foreach (var line in lines)
        {
            var onlyPlaceholder = PlaceholderPattern().Match(line.Trim()) is { Success: true } m && m.Value == line.Trim();
            var rendered = PlaceholderPattern().Replace(line, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v ?? "" : m.Value);
            if (onlyPlaceholder && string.IsNullOrWhiteSpace(rendered)) continue;
            if (string.IsNullOrWhiteSpace(rendered))
            {
                if (blank || output.Length == 0) continue;
                blank = true;
            }
            else blank = false;
            output.Append(rendered.TrimEnd()).Append('\n');
        }
        return output.ToString().TrimEnd('\n');
    }

    /// <summary>A group e-mail: its opening line, then what every group message carries (never another participant's name).</summary>
    private static string GroupEmail(string opening) => "Bonjour {prenom},\n\n" + opening + "\n" + """
        Thème : {theme}
        {participants}
        {pause}

        Ordre du jour :
        {ordre_du_jour}

        {regles}

        {connexion}
        Si la connexion ne marche pas, appelez le {numero_secours}.

        Chaque participant a donné son accord pour participer à un groupe. Ce qui se dit dans le groupe reste dans le groupe.
        {confidentialite}

        Une question ? Vous pouvez me joindre :
        {contact_travailleur}

        À bientôt,
        {travailleur}
        {service}
        """;

    /// <summary>
    /// Whether a message of this purpose ever leaves by this channel: the information notice goes by e-mail only (it is
    /// too long for an SMS), so no SMS text of it is offered for editing.
    /// </summary>
    public static bool IsUsed(MessagePurpose purpose, MessageChannel channel) => !(purpose == MessagePurpose.Notice && channel == MessageChannel.Sms);

    public static (string? Subject, string Body) Default(MessagePurpose purpose, MessageChannel channel) => (purpose, channel) switch
    {
        (MessagePurpose.Invitation, MessageChannel.Email) => ("Notre rendez-vous du {date} à {heure}", """
            Bonjour {prenom},

            Nous avons rendez-vous le {date} à {heure}.
            Nous nous parlerons par {modalite}. L'entretien dure environ {duree}.
            {connexion}

            {objectifs}
            {participants}

            Si la connexion ne marche pas, appelez le {numero_secours}.
            {plan_b}

            {guide}
            {confidentialite}

            Une question ? Vous pouvez me joindre :
            {contact_travailleur}

            À bientôt,
            {travailleur}
            {service}
            """),
        (MessagePurpose.Invitation, MessageChannel.Sms) => (null,
            "Bonjour {prenom}, rendez-vous par {modalite} le {date} à {heure} avec {travailleur} ({service}). Un souci ? Appelez le {numero_secours}."),
        (MessagePurpose.Reminder, MessageChannel.Email) => ("Rappel : rendez-vous le {date} à {heure}", """
            Bonjour {prenom},

            Petit rappel : nous avons rendez-vous le {date} à {heure}, par {modalite}.
            {connexion}

            Si la connexion ne marche pas, appelez le {numero_secours}.

            À bientôt,
            {travailleur}
            {service}
            """),
        (MessagePurpose.Reminder, MessageChannel.Sms) => (null,
            "Bonjour {prenom}, rappel : rendez-vous par {modalite} le {date} à {heure} avec {travailleur}. Un souci ? Appelez le {numero_secours}."),
        (MessagePurpose.Change, MessageChannel.Email) => ("Notre rendez-vous change : {date} à {heure}", """
            Bonjour {prenom},

            Notre rendez-vous du {ancienne_date} est déplacé.
            La nouvelle date est le {date} à {heure}.
            Nous nous parlerons par {modalite}. L'entretien dure environ {duree}.
            {connexion}

            {objectifs}
            {participants}

            Si la connexion ne marche pas, appelez le {numero_secours}.
            {plan_b}

            {guide}
            {confidentialite}

            Une question ? Vous pouvez me joindre :
            {contact_travailleur}

            À bientôt,
            {travailleur}
            {service}
            """),
        (MessagePurpose.Change, MessageChannel.Sms) => (null,
            "Bonjour {prenom}, votre rendez-vous du {ancienne_date} est déplacé au {date} à {heure}. {travailleur}, {service}."),
        (MessagePurpose.Cancellation, MessageChannel.Email) => ("Notre rendez-vous du {date} est annulé", """
            Bonjour {prenom},

            Notre rendez-vous du {date} à {heure} est annulé.
            Je vous recontacte pour en fixer un autre.

            Une question ? Vous pouvez me joindre :
            {contact_travailleur}

            {travailleur}
            {service}
            """),
        (MessagePurpose.Cancellation, MessageChannel.Sms) => (null,
            "Bonjour {prenom}, le rendez-vous du {date} à {heure} est annulé. {travailleur} vous recontacte. {service}."),
        (MessagePurpose.Free, MessageChannel.Email) => ("Un message de {travailleur}", """
            Bonjour {prenom},

            {message}

            {travailleur}
            {service}
            """),
        (MessagePurpose.Free, MessageChannel.Sms) => (null, "{message} {travailleur}, {service}."),
        (MessagePurpose.Guide, MessageChannel.Email) => ("Comment se passe un rendez-vous en visio", """
            Pour le rendez-vous en visio :
            - Installez-vous dans un endroit calme, où personne ne vous écoute.
            - Vérifiez que votre téléphone ou votre ordinateur est chargé.
            - Ouvrez le lien un peu avant l'heure. Autorisez le micro et la caméra.
            - Si l'image ou le son coupent, ce n'est pas grave : nous passons au téléphone.
            """),
        (MessagePurpose.GroupInvitation, MessageChannel.Email) => ("Séance de groupe le {date} à {heure} : {theme}", GroupEmail(
            "Vous êtes inscrit·e à une séance de groupe le {date} à {heure}, par {modalite}. Elle dure {duree}.")),
        (MessagePurpose.GroupInvitation, MessageChannel.Sms) => (null,
            "Bonjour {prenom}, vous êtes inscrit·e à une séance de groupe par {modalite} le {date} à {heure}. Un souci ? Appelez le {numero_secours}. {service}."),
        (MessagePurpose.GroupReminder, MessageChannel.Email) => ("Rappel : séance de groupe le {date} à {heure}", GroupEmail(
            "Petit rappel : la séance de groupe a lieu le {date} à {heure}, par {modalite}. Elle dure {duree}.")),
        (MessagePurpose.GroupReminder, MessageChannel.Sms) => (null,
            "Bonjour {prenom}, rappel : séance de groupe par {modalite} le {date} à {heure}. Un souci ? Appelez le {numero_secours}. {service}."),
        (MessagePurpose.GroupChange, MessageChannel.Email) => ("La séance de groupe change : {date} à {heure}", GroupEmail(
            "La séance de groupe du {ancienne_date} change.\nElle a lieu le {date} à {heure}, par {modalite}. Elle dure {duree}.")),
        (MessagePurpose.GroupChange, MessageChannel.Sms) => (null,
            "Bonjour {prenom}, la séance de groupe du {ancienne_date} est déplacée au {date} à {heure}. {service}."),
        (MessagePurpose.GroupCancellation, MessageChannel.Email) => ("La séance de groupe du {date} est annulée", """
            Bonjour {prenom},

            La séance de groupe du {date} à {heure} est annulée.
            Nous vous recontactons pour la suite.

            Une question ? Vous pouvez me joindre :
            {contact_travailleur}

            {travailleur}
            {service}
            """),
        // The covering letter of the information notice; the notice itself follows it in the e-mail (ADR-0025).
        (MessagePurpose.Notice, MessageChannel.Email) => ("Notice d'information : vos données et vos droits", """
            Bonjour {prenom},

            Voici la notice d'information du service. Elle explique ce que nous gardons sur vous, pourquoi et combien de temps, et comment utiliser vos droits.
            Vous pouvez garder ce message pour le relire quand vous le souhaitez.

            Une question ? Vous pouvez me joindre :
            {contact_travailleur}

            {travailleur}
            {service}
            """),
        (MessagePurpose.GroupCancellation, MessageChannel.Sms) => (null,
            "Bonjour {prenom}, la séance de groupe du {date} à {heure} est annulée. Nous vous recontactons. {service}."),
        // Never sent (see IsUsed): the exhaustive switch still needs an answer.
        (MessagePurpose.Notice, MessageChannel.Sms) => (null, "Bonjour {prenom}, la notice d'information du service vous est envoyée par e-mail. {travailleur}, {service}."),
        (MessagePurpose.Guide, MessageChannel.Sms) => (null,
            "Pour la visio : un endroit calme, un appareil chargé, le lien ouvert un peu avant. Si ça coupe, on passe au téléphone."),
    };
}
