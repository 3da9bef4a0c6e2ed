using RemoteSupport.Domain.Checklists;
using RemoteSupport.Domain.Common;

namespace RemoteSupport.Web.Data.Seed;

/// <summary>
/// The checklists every department starts from, one per interview modality, drawn from the Breton practice sheets
/// (telephone interview, audio conference, video) and rewritten in our own words. Administrators adapt them;
/// "reset to default" builds a new version from here.
/// </summary>
public static class DefaultChecklists
{
    private sealed record Line(ChecklistPhase Phase, string Text, bool Required, string? Help = null);

    /// <summary>
    /// Version one of every interview modality's list, published with the installation (no author: the pages say
    /// « liste par défaut »). SMS has none: it is an exchange, not an interview, and nothing would use its list.
    /// </summary>
    public static IReadOnlyList<ChecklistTemplate> For(int departmentId, DateTimeOffset publishedAt) =>
        ModalityText.ChecklistModalities.Select(m => For(departmentId, m, 1, publishedAt)).ToList();

    /// <summary>The default items for one modality; published when <paramref name="publishedAt"/> is given, else a draft.</summary>
    public static ChecklistTemplate For(int departmentId, Modality modality, int version, DateTimeOffset? publishedAt)
    {
        // Built through the template's own rules, like an administrator's list.
        var template = ChecklistTemplate.Draft(departmentId, modality, version);
        foreach (var line in Lines(modality)) template.AddItem(line.Phase, line.Text, line.Required, line.Help);
        if (publishedAt is { } at) template.PublishAsInstalledDefault(at);
        return template;
    }

    private static IEnumerable<Line> Lines(Modality modality) => modality switch
    {
        Modality.Phone => Interview(modality, PhoneBefore, PhoneDuring, PhoneAfter),
        Modality.AudioConference => Interview(modality, AudioBefore, AudioDuring, AudioAfter),
        Modality.Video => Interview(modality, VideoBefore, VideoDuring, VideoAfter),
        Modality.Group => GroupLines,
        Modality.Sms => throw new ArgumentOutOfRangeException(nameof(modality), "SMS is not an interview modality: it has no checklist."),
        Modality.Email => throw new ArgumentOutOfRangeException(nameof(modality), "E-mail is not an interview modality: it has no checklist."),
    };

    /// <summary>Phone, audio conference and video share their backbone; each adds what its tool needs.</summary>
    private static IEnumerable<Line> Interview(Modality modality, Line[] before, Line[] during, Line[] after)
    {
        const ChecklistPhase B = ChecklistPhase.Before, D = ChecklistPhase.During, A = ChecklistPhase.After;
        return
        [
            new(B, $"La personne a donné son accord pour un entretien par {modality.French()} (consentement en cours dans sa fiche)", true,
                "Sans accord en cours pour cette modalité, l'entretien n'a pas lieu : recueillez-le d'abord ou proposez une autre façon d'échanger."),
            new(B, "Chaque autre participant (proche, partenaire, interprète, stagiaire) a été accepté par la personne", true,
                "Demandez-lui avant l'entretien qui elle accepte d'entendre. Sans autre participant, cochez simplement."),
            new(B, "Jour et heure convenus ensemble, en tenant compte des moments où la personne est disponible", true,
                "Elle doit pouvoir s'organiser pour être tranquille à ce moment-là."),
            new(B, "Durée de l'entretien et objectifs annoncés à la personne", true,
                "Dire combien de temps on se donne et de quoi on parlera rassure et aide à aller à l'essentiel."),
            new(B, "Je serai dans un lieu calme, porte fermée, où personne d'autre n'entend l'échange", true,
                "Bureau isolé ou pièce fermée ; téléphone et ordinateur en mode « ne pas déranger »."),
            new(B, "La personne sait qu'il lui faut un endroit où parler librement, seule si possible", true,
                "Suggérez-lui de s'isoler dans une pièce ou de choisir un moment où elle sera seule."),
            .. before,
            new(B, "Quelques questions ouvertes préparées pour guider l'échange", false,
                "Des questions qui invitent à raconter (« Comment se passent vos journées en ce moment ? ») plutôt qu'à répondre par oui ou non."),
            new(B, "Sujets que la personne préfère aborder en rencontre physique repérés avec elle", false),
            new(B, "Rappel du rendez-vous envoyé par SMS la veille ou le matin", false,
                "Seulement si la personne a accepté les SMS. Un message court, sans aucun détail sur sa situation."),
            new(B, "Coordonnées des partenaires utiles pour les suites à portée de main", false),
            new(B, "Un peu de marge prévue dans l'agenda au cas où l'entretien se prolonge", false),

            new(D, "La personne peut parler librement ; sinon, l'entretien est reporté", true,
                "Si un tiers présent gêne l'échange, proposez calmement un autre moment : un report vaut mieux qu'une parole empêchée."),
            new(D, "Cadre rappelé au début : durée, objectifs, confidentialité de l'échange", true),
            .. during,
            new(D, "Écoute active : laisser parler, accepter les silences, relancer par des questions ouvertes", false,
                "À distance, une grande part du non-verbal se perd : soyez attentif au ton, aux hésitations, aux silences."),
            new(D, "Propos importants reformulés et compréhension vérifiée des deux côtés", true,
                "Reformuler avec ses mots évite les malentendus, plus fréquents quand on ne se voit pas."),
            new(D, "Débit de parole et ton de voix surveillés", false),
            new(D, "Suites convenues : qui fait quoi, et pour quand", true),
            new(D, "Prochain contact fixé avec la personne (date, moyen, contenu)", true,
                "Choisissez ensemble la modalité la plus simple pour elle ; proposez une rencontre physique si la situation le demande."),

            new(A, "Entretien consigné dans le journal de la personne, avec un résumé factuel", true,
                "Un compte rendu court et neutre ; ce qui ne concerne que vous va dans la note privée."),
            new(A, "Suites à donner enregistrées avec leur responsable et leur échéance", true),
            new(A, "Besoin d'une rencontre physique signalé s'il y a lieu", false,
                "Observation du logement, information préoccupante, demande complexe, communication difficile : la distance ne suffit pas."),
            new(A, "Prochain rendez-vous inscrit à l'agenda", false),
            .. after,
        ];
    }

    /// <summary>The guide's sheet for group video sessions, in our words: 4 to 6 persons, roles, rules, breaks, follow-ups.</summary>
    private static readonly Line[] GroupLines =
    [
        new(ChecklistPhase.Before, "Chaque participant a donné son accord pour la modalité de la séance et pour participer à un groupe", true,
            "Sans ces deux accords en cours, la personne n'est pas inscrite : la présence d'autres personnes demande son consentement."),
        new(ChecklistPhase.Before, "Ordre du jour envoyé aux participants avec l'invitation", true,
            "Un ordre du jour court, sans rien de la situation de quiconque : il part tel quel à chaque participant."),
        new(ChecklistPhase.Before, "Rôles répartis : qui anime, qui prend les notes, qui s'occupe de la technique", true),
        new(ChecklistPhase.Before, "Feuille de présence prête (liste des inscrits de la séance)", true),
        new(ChecklistPhase.Before, "Moyen de connexion (lien ou numéro et code) transmis à chacun, avec un numéro à appeler en cas de souci", true),
        new(ChecklistPhase.Before, "Groupe de 4 à 6 personnes : au-delà, l'échange devient une consultation", false,
            "Plus de six participants laissent peu de place à la parole de chacun."),
        new(ChecklistPhase.During, "Tour de présentation : chacun dit son prénom, ce qui teste son micro et sa caméra", true),
        new(ChecklistPhase.During, "Règles de parole rappelées : attendre son tour, couper son micro, respecter ce qui se dit dans le groupe", true,
            "Ce qui est dit dans le groupe reste dans le groupe : chacun s'y engage."),
        new(ChecklistPhase.During, "Pas plus de 45 minutes d'affilée : pause prévue et annoncée", true),
        new(ChecklistPhase.During, "Présences notées au fil de la séance (arrivées, départs anticipés)", true),
        new(ChecklistPhase.During, "Suites données à la fin : qui fait quoi, ce qui vient ensuite et comment", true),
        new(ChecklistPhase.After, "Tout le monde est déconnecté ; la réunion est fermée et le lien n'est pas réutilisé", true),
        new(ChecklistPhase.After, "Feuille de présence enregistrée : elle s'inscrit au journal de chaque participant", true),
        new(ChecklistPhase.After, "Compte rendu partagé rédigé sans aucun détail personnel sur quiconque", true),
        new(ChecklistPhase.After, "Suites de chaque participant inscrites dans son dossier", true),
        new(ChecklistPhase.After, "Prochaine séance proposée au groupe s'il y a lieu", false),
    ];

    private static readonly Line[] PhoneBefore =
    [
        new(ChecklistPhase.Before, "Numéro de la personne vérifié ; appel depuis le téléphone professionnel, numéro affiché", false,
            "Beaucoup de personnes ne répondent pas aux numéros masqués."),
    ];

    private static readonly Line[] PhoneDuring =
    [
        new(ChecklistPhase.During, "Modalités de l'accompagnement à distance expliquées si la personne n'en a pas l'habitude", false),
    ];

    private static readonly Line[] PhoneAfter = [];

    private static readonly Line[] AudioBefore =
    [
        new(ChecklistPhase.Before, "Numéro et code de la conférence transmis à chaque participant", true),
        new(ChecklistPhase.Before, "Rôles répartis : qui anime, qui prend les notes, qui s'occupe de la technique", false),
        new(ChecklistPhase.Before, "Plan B prêt : le numéro de la personne pour l'appeler directement si la conférence échoue", true),
    ];

    private static readonly Line[] AudioDuring =
    [
        new(ChecklistPhase.During, "Tour de présentation : chacun se nomme pour que sa voix soit reconnue", true,
            "Invitez ensuite chacun à dire son nom avant de parler et à attendre que l'autre ait fini."),
        new(ChecklistPhase.During, "Micro coupé quand on ne parle pas ; l'échange ne dépasse pas une heure", false),
    ];

    private static readonly Line[] AudioAfter =
    [
        new(ChecklistPhase.After, "Compte rendu partagé avec les participants, si la personne en est d'accord", false),
    ];

    private static readonly Line[] VideoBefore =
    [
        new(ChecklistPhase.Before, "Outil de visio approuvé par le département choisi ; lien envoyé à la personne", true,
            "N'utilisez jamais une application personnelle : seuls les outils approuvés protègent les données de la personne."),
        new(ChecklistPhase.Before, "La personne a l'équipement et la connexion nécessaires ; un mode d'emploi simple lui a été remis", true),
        new(ChecklistPhase.Before, "Plan B prêt : audioconférence ou téléphone, et numéro à appeler si la connexion lâche", true),
        new(ChecklistPhase.Before, "Essai de connexion proposé un quart d'heure avant le début", false),
        new(ChecklistPhase.Before, "Mon poste prêt : branché sur secteur, autres applications fermées, casque-micro", false),
        new(ChecklistPhase.Before, "Cadrage, lumière et arrière-plan vérifiés : rien de privé visible derrière moi", false),
        new(ChecklistPhase.Before, "Documents à montrer à l'écran préparés", false),
    ];

    private static readonly Line[] VideoDuring =
    [
        new(ChecklistPhase.During, "Entretien commencé et terminé à l'heure annoncée", false),
        new(ChecklistPhase.During, "Si l'image ou le son se dégradent : couper la vidéo, puis passer au plan B", false,
            "La vidéo consomme bien plus que le son. Si cela ne suffit pas, appelez la personne au numéro prévu."),
    ];

    private static readonly Line[] VideoAfter =
    [
        new(ChecklistPhase.After, "Session de visio fermée ; le lien n'est pas réutilisé", false),
    ];
}
