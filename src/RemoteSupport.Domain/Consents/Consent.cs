using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Consents;

public enum ConsentDecision { Granted, Refused, Withdrawn }

public enum ConsentMethod { OrallyDuringCall, InPerson, InWriting, LegalRepresentative }

/// <summary>One answer of a person about one modality. Records are only ever added: the history is the truth.</summary>
public sealed class ConsentRecord : IDepartmentScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int DepartmentId { get; set; }
    public Guid PersonId { get; set; }
    public Modality Modality { get; set; }
    public ConsentDecision Decision { get; set; }
    /// <summary>When the person gave the answer.</summary>
    public DateTimeOffset DecidedAt { get; set; }
    public ConsentMethod Method { get; set; }
    public Guid RecordedById { get; set; }
    /// <summary>When it was entered in RemoteSupport.</summary>
    public DateTimeOffset RecordedAt { get; set; }
    public string? Comment { get; set; }
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
}

/// <summary>The current state of one modality for one person.</summary>
public sealed record ConsentState(Modality Modality, ConsentDecision? Decision, DateTimeOffset? Since)
{
    public bool IsGranted => Decision == ConsentDecision.Granted;
}

/// <summary>
/// The one rule every remote contact goes through: may this person be contacted by this modality at this time,
/// and may this participant take part. Every feature (interviews, SMS, group sessions) asks here.
/// </summary>
public static class ConsentPolicy
{
    /// <summary>The answer in force at <paramref name="at"/>: the latest one given at or before that time.</summary>
    public static ConsentState StateAt(IEnumerable<ConsentRecord> history, Modality modality, DateTimeOffset at)
    {
        var current = history
            .Where(r => r.Modality == modality && r.DecidedAt <= at)
            .OrderByDescending(r => r.DecidedAt)
            .ThenByDescending(r => r.RecordedAt)
            .FirstOrDefault();
        return new ConsentState(modality, current?.Decision, current?.DecidedAt);
    }

    public static IReadOnlyList<ConsentState> Matrix(IEnumerable<ConsentRecord> history, DateTimeOffset at)
    {
        var list = history as IReadOnlyCollection<ConsentRecord> ?? history.ToList();
        return Enum.GetValues<Modality>().Select(m => StateAt(list, m, at)).ToList();
    }

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
                $"La personne a refusé les échanges par {name} (réponse du {state.Since:dd/MM/yyyy}). Choisissez une autre modalité ou recueillez un nouvel accord."),
            ConsentDecision.Withdrawn => RuleResult.Refuse(
                $"La personne a retiré son accord pour les échanges par {name} le {state.Since:dd/MM/yyyy}. Choisissez une autre modalité ou recueillez un nouvel accord."),
        };
    }

    /// <summary>A third person may be present only if the accompanied person agreed to their presence.</summary>
    public static RuleResult MayParticipate(string participantName, bool personAgreedToPresence) =>
        personAgreedToPresence
            ? RuleResult.Ok
            : RuleResult.Refuse(
                $"La personne n'a pas donné son accord à la présence de {participantName}. Demandez-lui avant l'entretien ou retirez ce participant.");
}
