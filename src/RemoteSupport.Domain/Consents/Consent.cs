using System.Globalization;
using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Consents;

/// <summary>
/// The person's answer about one modality. <see cref="Withdrawn"/> only follows a grant in force (the person takes back
/// an agreement); without a grant in force a "no" is <see cref="Refused"/>. See ADR-0004.
/// </summary>
public enum ConsentDecision { Granted, Refused, Withdrawn }

public enum ConsentMethod { OrallyDuringCall, InPerson, InWriting, LegalRepresentative }

/// <summary>
/// One answer of a person about one modality. Records are only ever added: the history is the truth. A new answer
/// joins the history through <see cref="Record"/>, which asks <see cref="ConsentPolicy.MayRecord"/> first; nothing
/// changes a record once written.
/// </summary>
public sealed class ConsentRecord : IDepartmentScoped
{
    public const int CommentMaxLength = FieldLengths.ConsentComment;

    // For EF Core.
    private ConsentRecord() { }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public int DepartmentId { get; private set; }
    public Guid PersonId { get; private set; }
    public Modality Modality { get; private set; }
    public ConsentDecision Decision { get; private set; }
    /// <summary>When the person gave the answer.</summary>
    public DateTimeOffset DecidedAt { get; private set; }
    public ConsentMethod Method { get; private set; }
    public Guid RecordedById { get; private set; }
    /// <summary>When it was entered in RemoteSupport.</summary>
    public DateTimeOffset RecordedAt { get; private set; }
    public string? Comment { get; private set; }

    private static ConsentRecord Create(int departmentId, Guid personId, Modality modality, ConsentDecision decision, DateTimeOffset decidedAt,
        ConsentMethod method, Guid recordedById, DateTimeOffset recordedAt, string? comment) => new()
    {
        DepartmentId = departmentId, PersonId = personId, Modality = modality, Decision = decision, DecidedAt = decidedAt,
        Method = method, RecordedById = recordedById, RecordedAt = recordedAt,
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
    };

    /// <summary>
    /// A new answer, entered now by <paramref name="recordedById"/>, checked against the person's
    /// <paramref name="history"/> (<see cref="ConsentPolicy.MayRecord"/>): refused answers throw a
    /// <see cref="DomainRuleException"/> with the worker's message.
    /// </summary>
    public static ConsentRecord Record(IEnumerable<ConsentRecord> history, int departmentId, Guid personId, Modality modality,
        ConsentDecision decision, DateTimeOffset decidedAt, ConsentMethod method, Guid recordedById, DateTimeOffset recordedAt, string? comment)
    {
        var answer = Create(departmentId, personId, modality, decision, decidedAt, method, recordedById, recordedAt, comment);
        var verdict = ConsentPolicy.MayRecord(history, answer);
        if (!verdict.Allowed) throw new DomainRuleException(verdict.Reason!);
        return answer;
    }

    /// <summary>
    /// Seeding only (demo data, tests): an answer as it stands in a history, without checking it against the others.
    /// Entered when it was given unless <paramref name="recordedAt"/> says otherwise.
    /// </summary>
    public static ConsentRecord Seed(int departmentId, Guid personId, Modality modality, ConsentDecision decision, DateTimeOffset decidedAt,
        Guid recordedById, ConsentMethod method = ConsentMethod.OrallyDuringCall, DateTimeOffset? recordedAt = null, string? comment = null) =>
        Create(departmentId, personId, modality, decision, decidedAt, method, recordedById, recordedAt ?? decidedAt, comment);
}

public static class ConsentText
{
    public static string French(this ConsentDecision d) => d switch
    {
        ConsentDecision.Granted => "Accordé",
        ConsentDecision.Refused => "Refusé",
        ConsentDecision.Withdrawn => "Retiré",
    };

    public static string French(this ConsentMethod m) => m switch
    {
        ConsentMethod.OrallyDuringCall => "À l'oral, pendant un appel",
        ConsentMethod.InPerson => "En rencontre physique",
        ConsentMethod.InWriting => "Par écrit",
        ConsentMethod.LegalRepresentative => "Par le représentant légal",
    };

    /// <summary>
    /// The line written to the activity log. It never carries the comment: the comment may say why the person refused,
    /// which is theirs to tell, and the journal is exported to the department's system of record.
    /// </summary>
    public static string JournalDescription(this ConsentRecord r) =>
        $"Consentement {r.Modality.French()} : {r.Decision.French().ToLowerInvariant()} ({r.Method.French().ToLowerInvariant()}).";
}

/// <summary>
/// The current state of one modality for one person. <paramref name="Since"/> is when the answer in force was first
/// given: a grant confirmed again later is still "granted since" the first grant of that run.
/// </summary>
public sealed record ConsentState(Modality Modality, ConsentDecision? Decision, DateTimeOffset? Since)
{
    public bool IsGranted => Decision == ConsentDecision.Granted;

    /// <summary>
    /// The state in words, the one way the application says it (the consent tags, the flash messages):
    /// "accordé depuis le 03/11/2026", "refusé le …", "retiré le …", "jamais recueilli".
    /// </summary>
    public string Describe() => Decision switch
    {
        ConsentDecision.Granted => $"accordé depuis le {ConsentPolicy.Day(Since)}",
        ConsentDecision.Refused => $"refusé le {ConsentPolicy.Day(Since)}",
        ConsentDecision.Withdrawn => $"retiré le {ConsentPolicy.Day(Since)}",
        _ => "jamais recueilli",
    };

    /// <summary><see cref="Describe"/> with a capital, to start a tag or a sentence.</summary>
    public string DescribeCapitalised() => Describe() is var s ? char.ToUpperInvariant(s[0]) + s[1..] : "";
}

/// <summary>
/// The one rule every remote contact goes through: may this person be contacted by this modality at this time,
/// and may this participant take part. Every feature (interviews, SMS, group sessions) asks here.
/// </summary>
public static class ConsentPolicy
{

    /// <summary>
    /// The answer in force at <paramref name="at"/>: the latest one given at or before that time (an answer dated later
    /// does not count before its time). Two answers given at the same moment are ordered by when they were entered.
    /// </summary>
    public static ConsentState StateAt(IEnumerable<ConsentRecord> history, Modality modality, DateTimeOffset at)
    {
        var answers = history
            .Where(r => r.Modality == modality && r.DecidedAt <= at)
            .OrderBy(r => r.DecidedAt)
            .ThenBy(r => r.RecordedAt)
            .ToList();
        if (answers.Count == 0) return new ConsentState(modality, null, null);

        var current = answers[^1];
        var since = current.DecidedAt;
        for (var i = answers.Count - 2; i >= 0 && answers[i].Decision == current.Decision; i--) since = answers[i].DecidedAt;
        return new ConsentState(modality, current.Decision, since);
    }

    /// <summary>Every modality's state at <paramref name="at"/>, in the order of <see cref="Modality"/>.</summary>
    public static IReadOnlyList<ConsentState> Matrix(IEnumerable<ConsentRecord> history, DateTimeOffset at)
    {
        var list = history as IReadOnlyCollection<ConsentRecord> ?? history.ToList();
        return Enum.GetValues<Modality>().Select(m => StateAt(list, m, at)).ToList();
    }

    /// <summary>
    /// Does the person have a remote consent in force at <paramref name="at"/>, i.e. a grant in force for at least one
    /// modality? The priority score reads it; the refresh computes it here, from the histories, never in its own SQL.
    /// </summary>
    public static bool HasRemoteConsentAt(IEnumerable<ConsentRecord> history, DateTimeOffset at)
    {
        var list = history as IReadOnlyCollection<ConsentRecord> ?? history.ToList();
        return ModalityText.ContactModalities.Any(m => StateAt(list, m, at).IsGranted);
    }

    /// <summary>May this person be contacted by <paramref name="modality"/> at <paramref name="at"/>? Only a grant in force says yes.</summary>
    public static RuleResult MayContact(IEnumerable<ConsentRecord> history, Modality modality, DateTimeOffset at)
    {
        var state = StateAt(history, modality, at);
        var name = modality.French();
        return state.Decision switch
        {
            ConsentDecision.Granted => RuleResult.Ok,
            null => RuleResult.Refuse(
                $"La personne n'a pas encore donné son accord pour un échange par {name}. Recueillez son consentement avant de l'utiliser."),
            ConsentDecision.Refused => RuleResult.Refuse(
                $"La personne a refusé les échanges par {name} (réponse du {Day(state.Since)}). Choisissez une autre modalité ou recueillez un nouvel accord."),
            ConsentDecision.Withdrawn => RuleResult.Refuse(
                $"La personne a retiré son accord pour les échanges par {name} le {Day(state.Since)}. Choisissez une autre modalité ou recueillez un nouvel accord."),
        };
    }

    /// <summary>A third person may be present only if the accompanied person agreed to their presence.</summary>
    public static RuleResult MayParticipate(string participantName, bool personAgreedToPresence) =>
        personAgreedToPresence
            ? RuleResult.Ok
            : RuleResult.Refuse(
                $"La personne n'a pas donné son accord à la présence de {(string.IsNullOrWhiteSpace(participantName) ? "ce participant" : participantName.Trim())}. "
                + "Demandez-lui avant l'entretien ou retirez ce participant.");

    /// <summary>
    /// May this new answer join the history? It cannot be dated after the moment it is entered, and a withdrawal
    /// needs a grant in force at the time of the withdrawal, just as a refusal needs none (taking back a grant is a
    /// withdrawal). <paramref name="history"/> is the person's history; other persons' and modalities' records are ignored.
    /// </summary>
    public static RuleResult MayRecord(IEnumerable<ConsentRecord> history, ConsentRecord answer)
    {
        if (answer.DecidedAt > answer.RecordedAt)
            return RuleResult.Refuse("La date de la réponse ne peut pas être dans le futur : indiquez quand la personne a répondu.");

        var name = answer.Modality.French();
        var before = StateAt(history.Where(r => r.PersonId == answer.PersonId), answer.Modality, answer.DecidedAt);
        return answer.Decision switch
        {
            ConsentDecision.Withdrawn when !before.IsGranted => RuleResult.Refuse(
                $"La personne n'avait pas d'accord en cours pour les échanges par {name} à cette date : il n'y a rien à retirer. "
                + "Enregistrez plutôt un refus."),
            ConsentDecision.Refused when before.IsGranted => RuleResult.Refuse(
                $"La personne avait donné son accord pour les échanges par {name} (depuis le {Day(before.Since)}). "
                + "Si elle ne le souhaite plus, enregistrez un retrait."),
            _ => RuleResult.Ok,
        };
    }

    internal static string Day(DateTimeOffset? at) =>
        at is { } t ? ParisTime.ToLocal(t).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "?";
}
