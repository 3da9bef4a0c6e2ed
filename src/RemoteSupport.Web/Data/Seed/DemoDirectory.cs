using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Departments;
using RemoteSupport.Domain.Directory;

namespace RemoteSupport.Web.Data.Seed;

/// <summary>
/// Demo directory (issue 17): fictional resources for each demo department — invented names, telephone numbers in the
/// range reserved for fiction (02 61 91 xx xx), web addresses under .test — and the public guides of each modality.
/// </summary>
public static class DemoDirectory
{
    private static readonly Dictionary<string, (string PostalCode, string City)[]> Cities = new()
    {
        ["CD22"] = [("22000", "Saint-Brieuc"), ("22100", "Dinan"), ("22300", "Lannion"), ("22200", "Guingamp")],
        ["CD29"] = [("29200", "Brest"), ("29000", "Quimper"), ("29600", "Morlaix"), ("29300", "Quimperlé")],
        ["CD35"] = [("35000", "Rennes"), ("35400", "Saint-Malo"), ("35300", "Fougères"), ("35500", "Vitré")],
        ["CD56"] = [("56000", "Vannes"), ("56100", "Lorient"), ("56300", "Pontivy"), ("56400", "Auray")],
    };

    private static readonly (string Name, string Theme, string Offer, string ForWhom, string Falc, string Hours)[] Others =
    [
        ("Maison des familles des Quatre Vents", "Soutien à la parentalité", "Écoute et ateliers pour les parents, lieu d'accueil parents-enfants.", "Parents d'enfants de 0 à 16 ans",
            "Vous êtes parent. Vous pouvez venir parler. Vous pouvez venir avec votre enfant. C'est gratuit.", "Mardi et jeudi, 9h-12h"),
        ("Point Santé du Ponant", "Santé et santé mentale", "Consultations sans rendez-vous, orientation vers un médecin ou un psychologue.", "Toute personne, avec ou sans couverture santé",
            "Vous êtes malade ou vous allez mal. Vous pouvez venir sans rendez-vous. On vous écoute. On vous aide à trouver un médecin.", "Du lundi au vendredi, 9h-17h"),
        ("Accueil Démarches Faciles", "Aide administrative", "Aide pour remplir un dossier, une déclaration, un courrier.", "Toute personne",
            "Vous avez un papier difficile. On vous aide à le lire et à le remplir.", "Lundi, mercredi, vendredi, 14h-17h"),
        ("Épicerie solidaire Le Panier Partagé", "Aide alimentaire", "Produits à petit prix sur orientation d'un travailleur social.", "Foyers aux revenus modestes",
            "Vous pouvez acheter à manger moins cher. Il faut venir avec le papier de votre travailleur social.", "Mercredi et samedi, 10h-12h"),
        ("Ligne d'écoute Allô Parole (fictive)", "Lignes d'écoute gratuites", "Écoute par téléphone, anonyme et gratuite.", "Toute personne qui a besoin de parler",
            "Vous pouvez appeler. C'est gratuit. Vous n'êtes pas obligé de dire votre nom.", "Tous les jours, 8h-22h"),
        ("Centre Cap Liberté", "Addictions", "Accompagnement des personnes en difficulté avec l'alcool, le tabac, les drogues ou les jeux.", "Personnes concernées et leurs proches",
            "Vous voulez arrêter l'alcool, le tabac ou une drogue. Des professionnels peuvent vous aider. C'est gratuit et secret.", "Du lundi au vendredi, 9h-18h"),
        ("Association Les Passeurs de Mémoire", "Deuil", "Groupes de parole et écoute après la perte d'un proche.", "Personnes en deuil",
            "Une personne que vous aimez est morte. Vous pouvez venir en parler avec d'autres personnes.", "Un jeudi sur deux, 18h-20h"),
        ("Atelier Emploi Tremplin", "Soutien professionnel", "Aide à la recherche d'emploi, CV, préparation aux entretiens.", "Personnes en recherche d'emploi",
            "Vous cherchez un travail. On vous aide à faire un CV. On vous aide à préparer un rendez-vous.", "Du lundi au jeudi, 9h-12h30"),
    ];

    public static void Seed(AppDbContext db, IReadOnlyList<Department> departments, IReadOnlyDictionary<int, IReadOnlyList<VideoTool>> tools, DateTimeOffset now)
    {
        var number = 0;
        string Phone() => $"02 61 91 {number / 100 % 100:00} {number++ % 100:00}";
        foreach (var department in departments)
        {
            if (!Cities.TryGetValue(department.Code, out var cities)) continue;
            var slug = department.Code.ToLowerInvariant();
            foreach (var (postalCode, city) in cities)
            {
                var r = new Resource
                {
                    DepartmentId = department.Id, Name = $"Espace numérique solidaire de {city}", Themes = [DirectoryThemes.Digital, "Aide administrative"],
                    Offer = "Ordinateurs en libre accès, wifi gratuit, aide d'un médiateur numérique pour les démarches en ligne et la visio.",
                    ForWhom = "Toute personne, débutants bienvenus", Phone = Phone(), Address = "2 place de la Médiathèque", PostalCode = postalCode,
                    OpeningHours = "Du mardi au samedi, 10h-12h et 14h-18h", Website = $"https://numerique-{slug}.test", Languages = "français, anglais",
                    EasyToRead = "Vous pouvez utiliser un ordinateur. Internet est gratuit. Une personne peut vous aider. Vous pouvez venir sans rendez-vous.",
                    UpdatedAt = now,
                };
                r.SetCommune(city);
                db.Resources.Add(r);
            }
            for (var i = 0; i < Others.Length; i++)
            {
                var o = Others[i];
                var (postalCode, city) = cities[i % cities.Length];
                var r = new Resource
                {
                    DepartmentId = department.Id, Name = o.Name, Themes = [o.Theme], Offer = o.Offer, ForWhom = o.ForWhom, Phone = Phone(),
                    Address = $"{10 + i} rue des Tilleuls", PostalCode = postalCode, OpeningHours = o.Hours, Website = $"https://ressource{i + 1}-{slug}.test",
                    Languages = "français", EasyToRead = o.Falc, UpdatedAt = now,
                };
                r.SetCommune(city);
                db.Resources.Add(r);
            }
            // One no longer active entry, to show that orientations keep their history.
            var closed = new Resource
            {
                DepartmentId = department.Id, Name = "Permanence numérique de la gare (fermée)", Themes = [DirectoryThemes.Digital],
                Offer = "Ancienne permanence d'aide numérique.", Phone = Phone(), PostalCode = cities[0].PostalCode, IsActive = false, UpdatedAt = now,
            };
            closed.SetCommune(cities[0].City);
            db.Resources.Add(closed);

            var help = Phone();
            db.PublicGuides.Add(Guide(department.Id, Modality.Phone, null, "Votre rendez-vous par téléphone", help, now,
                "Je vous appelle à l'heure du rendez-vous.", "Mettez-vous dans un endroit calme.", "Gardez votre téléphone chargé près de vous.",
                "Préparez vos papiers si nous en avons parlé.", "Vous pouvez demander de répéter."));
            db.PublicGuides.Add(Guide(department.Id, Modality.AudioConference, null, "Votre rendez-vous à plusieurs par téléphone", help, now,
                "Je vous appelle à l'heure du rendez-vous.", "Je vous relie aux autres personnes.", "Chaque personne dit son nom avant de parler.",
                "Parlez l'un après l'autre.", "Vous pouvez demander de répéter."));
            db.PublicGuides.Add(Guide(department.Id, Modality.Video, null, "Votre rendez-vous en visio", help, now,
                "Chargez votre téléphone ou votre ordinateur.", "Installez-vous dans un endroit calme.", "Ouvrez le lien 15 minutes avant.",
                "Acceptez le micro et la caméra.", "Si ça coupe, je vous appelle au téléphone."));
            foreach (var tool in tools.GetValueOrDefault(department.Id) ?? [])
            {
                db.PublicGuides.Add(Guide(department.Id, Modality.Video, tool.Id, $"Votre rendez-vous avec {tool.Name}", help, now,
                    "Vous recevez un lien par e-mail.", "Touchez le lien 15 minutes avant.", "Vous n'avez pas besoin de créer un compte.",
                    "Écrivez votre prénom.", "Acceptez le micro et la caméra.", "Si ça coupe, je vous appelle au téléphone."));
            }
        }
    }

    private static PublicGuide Guide(int departmentId, Modality modality, Guid? toolId, string title, string help, DateTimeOffset now, params string[] steps) => new()
    {
        DepartmentId = departmentId, Modality = modality, VideoToolId = toolId, Title = title, Steps = string.Join("\n", steps), HelpPhone = help, UpdatedAt = now,
    };
}
