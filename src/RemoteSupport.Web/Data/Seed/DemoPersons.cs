using RemoteSupport.Domain.Activity;
using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Consents;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Web.Data.Seed;

/// <summary>
/// Plausible, clearly fictional persons: common French names, fiction-reserved phone numbers (06 39 98 …),
/// addresses on made-up streets, e-mails on the reserved .test domain. Deterministic, so the demo is the same
/// on every machine.
/// </summary>
public sealed class DemoPersons(DateTimeOffset now)
{
    private readonly Random _random = new(2026);
    private int _counter;

    private static readonly string[] FirstNames =
    [
        "Aurélie", "Bernard", "Chloé", "Denis", "Élodie", "Fabrice", "Gaëlle", "Hervé", "Inès", "Jérôme", "Karine", "Loïc",
        "Manon", "Noël", "Océane", "Pascal", "Rozenn", "Sébastien", "Thérèse", "Ulysse", "Valérie", "Yannick", "Zoé", "Amina",
        "Bilal", "Cécile", "Dylan", "Estelle", "Gwenaël", "Hélène", "Ibrahim", "Josiane", "Kévin", "Lucie", "Mathis", "Nolwenn",
    ];

    private static readonly string[] LastNames =
    [
        "Le Goff", "Le Gall", "Tanguy", "Le Bihan", "Guillou", "Kerjean", "Le Roux", "Morvan", "Quéré", "Riou", "Salaün",
        "Thomas", "Bertrand", "Caradec", "Diraison", "Even", "Floc'h", "Gourlay", "Hamon", "Jaouen", "Lagadec", "Madec",
        "Nédélec", "Pichon", "Rolland", "Simon", "Toullec", "Urvoy", "Vallée", "Boucher", "Diallo", "Nguyen", "Martin",
    ];

    private static readonly string[] Streets =
    [
        "rue des Hortensias", "impasse des Goélands", "allée des Ajoncs", "chemin du Moulin Vert", "rue de la Lande Fleurie",
        "place des Bruyères", "rue du Port Imaginaire", "route des Genêts", "rue des Mouettes", "allée des Camélias",
    ];

    private static readonly Dictionary<string, (string PostalCode, string City)[]> Cities = new()
    {
        ["CD22"] = [("22000", "Saint-Brieuc"), ("22100", "Dinan"), ("22300", "Lannion"), ("22200", "Guingamp")],
        ["CD29"] = [("29200", "Brest"), ("29000", "Quimper"), ("29600", "Morlaix"), ("29300", "Quimperlé")],
        ["CD35"] = [("35000", "Rennes"), ("35400", "Saint-Malo"), ("35300", "Fougères"), ("35500", "Vitré")],
        ["CD56"] = [("56000", "Vannes"), ("56100", "Lorient"), ("56300", "Pontivy"), ("56400", "Auray")],
    };

    private static readonly string[] Languages = ["arabe", "tigrinya", "dari", "roumain", "ukrainien", "anglais"];

    private T Pick<T>(IReadOnlyList<T> list) => list[_random.Next(list.Count)];
    private bool Chance(double p) => _random.NextDouble() < p;

    public List<AccompaniedPerson> AddCaseload(AppDbContext db, Guid workerId, int departmentId, string departmentCode, int count)
    {
        var persons = new List<AccompaniedPerson>();
        var reasons = Enum.GetValues<RemoteReason>();
        for (var i = 0; i < count; i++)
        {
            _counter++;
            var (postalCode, city) = Pick(Cities[departmentCode]);
            var first = Pick(FirstNames);
            var last = Pick(LastNames);
            var createdAt = now.AddDays(-_random.Next(20, 700));
            // Drawn in a fixed order, so the demo is the same on every machine.
            var birthDate = new DateOnly(1940 + _random.Next(0, 65), _random.Next(1, 13), _random.Next(1, 29));
            var phone = $"06 39 98 {_counter / 100 % 100:00} {_counter % 100:00}";
            var email = Chance(0.6) ? $"{Ascii(first)}.{Ascii(last)}{_counter}@exemple.test" : null;
            var address = $"{_random.Next(1, 90)} {Pick(Streets)}";
            // Every remote situation of PRODUCT.md appears: the first nine persons take one each in turn.
            List<RemoteReason> remoteReasons = i < reasons.Length
                ? [reasons[i]]
                : reasons.OrderBy(_ => _random.Next()).Take(_random.Next(1, 3)).ToList();
            var risk = Chance(0.15) ? RiskLevel.High : Chance(0.35) ? RiskLevel.Medium : RiskLevel.Low;
            var livesAlone = Chance(0.35);
            DateOnly? firstMeeting = Chance(0.8) ? DateOnly.FromDateTime(createdAt.AddDays(_random.Next(3, 40)).Date) : null;
            var (smartphone, computer, internet) = (Chance(0.75), Chance(0.4), Chance(0.7));
            var skills = Chance(0.25) ? DigitalSkills.None : Chance(0.6) ? DigitalSkills.Basic : DigitalSkills.Autonomous;
            var allophone = Chance(0.1);
            var easyToRead = Chance(0.12);
            var frequency = Pick<int>([14, 30, 30, 30, 60]);
            List<Modality> modalities = Chance(0.5) ? [Modality.Phone, Modality.Sms] : Chance(0.5) ? [Modality.Video, Modality.Phone] : [Modality.Phone];
            List<int> days = Chance(0.3) ? [1, 2, 4] : [];
            // A preferred window is whole or absent, as the form itself requires: never one hour alone.
            var (early, late) = (Chance(0.4), Chance(0.4));
            var window = (early, late) switch
            {
                (true, true) => ContactWindow.Create(days, new TimeOnly(9, 30), new TimeOnly(16, 0)),
                (true, false) => ContactWindow.Create(days, new TimeOnly(9, 30), new TimeOnly(12, 30)),
                (false, true) => ContactWindow.Create(days, new TimeOnly(13, 30), new TimeOnly(16, 0)),
                (false, false) => ContactWindow.Create(days, null, null),
            };
            DateTimeOffset? lastContact = Chance(0.9) ? now.AddDays(-_random.Next(0, 90)).AddHours(-_random.Next(0, 8)) : null;

            // Opened the way a worker opens a file, then the preferences, contacts and closure of its story.
            var person = AccompaniedPerson.Open(departmentId, workerId, new PersonProfile
            {
                FirstName = first, LastName = last, BirthDate = birthDate, Phone = phone, Email = email, Address = address,
                PostalCode = postalCode, City = city, RemoteReasons = remoteReasons, RiskLevel = risk, LivesAlone = livesAlone,
                FirstFaceToFaceMeetingOn = firstMeeting, HasSmartphone = smartphone, HasComputer = computer, HasInternetAccess = internet,
                DigitalSkills = skills, IsAllophone = allophone, Language = allophone ? Pick(Languages) : null, NeedsEasyToRead = easyToRead,
                ContactFrequencyDays = frequency,
            }, createdAt);
            person.SetContactPreferences(modalities, window, null, frequency);
            if (lastContact is { } contact) person.RecordContact(contact);
            if (Chance(0.08)) person.Close("Accompagnement terminé : objectifs atteints.", now.AddDays(-_random.Next(1, 30)));
            db.Persons.Add(person);
            db.ActivityLog.Add(ActivityLogEntry.For(departmentId, person.Id, workerId, createdAt, ActivityKind.PersonCreated,
                "Ouverture du dossier et premier recueil de la situation."));
            AddConsents(db, person, workerId, createdAt);
            persons.Add(person);
        }
        return persons;
    }

    private void AddConsents(AppDbContext db, AccompaniedPerson person, Guid workerId, DateTimeOffset since)
    {
        var history = new List<ConsentRecord>();
        void Add(Modality m, ConsentDecision d, DateTimeOffset at, ConsentMethod method, string? comment = null)
        {
            // Through the consent rule, as the consent page records an answer (a withdrawal needs a grant in force).
            var record = ConsentRecord.Record(history, person.DepartmentId, person.Id, m, d, at, method, workerId, at, comment);
            history.Add(record);
            db.Consents.Add(record);
            db.ActivityLog.Add(ActivityLogEntry.For(person.DepartmentId, person.Id, workerId, at, ActivityKind.ConsentRecorded,
                record.JournalDescription(), modality: m));
        }

        var first = since.AddDays(1);
        // Most persons agree to the phone; some have no consent recorded yet, which the app must surface.
        if (Chance(0.9)) Add(Modality.Phone, ConsentDecision.Granted, first, ConsentMethod.InPerson);
        if (person.HasSmartphone && Chance(0.7)) Add(Modality.Sms, ConsentDecision.Granted, first, ConsentMethod.InPerson);
        if (person.HasInternetAccess && Chance(0.5))
        {
            Add(Modality.Video, ConsentDecision.Granted, first.AddDays(2), ConsentMethod.OrallyDuringCall);
            if (Chance(0.15)) Add(Modality.Video, ConsentDecision.Withdrawn, first.AddDays(30), ConsentMethod.OrallyDuringCall,
                "Préfère ne plus être filmée à son domicile.");
        }
        else if (Chance(0.3)) Add(Modality.Video, ConsentDecision.Refused, first, ConsentMethod.InPerson, "Pas à l'aise avec la caméra.");
        if (Chance(0.2)) Add(Modality.AudioConference, ConsentDecision.Granted, first.AddDays(5), ConsentMethod.InWriting);
    }

    private static string Ascii(string s)
    {
        var normalized = s.Normalize(System.Text.NormalizationForm.FormD);
        var chars = normalized.Where(c => char.IsLetter(c) && c < 128).Select(char.ToLowerInvariant);
        return new string(chars.ToArray());
    }
}
