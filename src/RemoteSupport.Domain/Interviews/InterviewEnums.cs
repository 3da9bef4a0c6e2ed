namespace RemoteSupport.Domain.Interviews;

public enum InterviewStatus { Planned, InProgress, Completed, Postponed, Cancelled, NoShow }

public static class InterviewStatusRules
{
    /// <summary>Planned or in progress: the interview is still to be held or finished.</summary>
    public static bool IsOpen(this InterviewStatus status) => status is InterviewStatus.Planned or InterviewStatus.InProgress;

    /// <summary>The checklist can be ticked until the interview is closed without being held (cancelled, no-show, postponed).</summary>
    public static bool CanTick(this InterviewStatus status) =>
        status is InterviewStatus.Planned or InterviewStatus.InProgress or InterviewStatus.Completed;

    /// <summary>An open interview whose time has come can be marked "personne absente".</summary>
    public static bool NoShowPossible(InterviewStatus status, DateTimeOffset scheduledAt, DateTimeOffset now) =>
        status.IsOpen() && now >= scheduledAt;

    /// <summary>An open interview can be completed once it has started or once its time has come (see Interview.Complete).</summary>
    public static bool CompletionPossible(InterviewStatus status, DateTimeOffset scheduledAt, DateTimeOffset now) =>
        status == InterviewStatus.InProgress || (status == InterviewStatus.Planned && now >= scheduledAt);
}

public enum PostponeReason { ThirdPartyHindersFreeSpeech, ConnectionFailed, PersonUnavailable, Other }

public enum ParticipantRelation { Family, PartnerOrganisation, Trainee, Interpreter, LegalRepresentative, Other }

public enum FaceToFaceReason { HomeObservation, ChildProtectionEvaluation, ComplexRequest, FirstContact, Signature, CommunicationDifficulty }

public enum ContactDirection { Incoming, Outgoing }

public enum QuickContactKind { Call, Sms, Email }

public static class InterviewText
{
    public static string French(this InterviewStatus s) => s switch
    {
        InterviewStatus.Planned => "Prévu",
        InterviewStatus.InProgress => "En cours",
        InterviewStatus.Completed => "Réalisé",
        InterviewStatus.Postponed => "Reporté",
        InterviewStatus.Cancelled => "Annulé",
        InterviewStatus.NoShow => "Personne absente",
    };

    public static string French(this PostponeReason r) => r switch
    {
        PostponeReason.ThirdPartyHindersFreeSpeech => "Un tiers présent empêche une parole libre",
        PostponeReason.ConnectionFailed => "Échec de la connexion",
        PostponeReason.PersonUnavailable => "Personne indisponible",
        PostponeReason.Other => "Autre raison",
    };

    public static string French(this ParticipantRelation r) => r switch
    {
        ParticipantRelation.Family => "Famille ou proche",
        ParticipantRelation.PartnerOrganisation => "Partenaire",
        ParticipantRelation.Trainee => "Stagiaire",
        ParticipantRelation.Interpreter => "Interprète",
        ParticipantRelation.LegalRepresentative => "Représentant légal",
        ParticipantRelation.Other => "Autre",
    };

    public static string French(this FaceToFaceReason r) => r switch
    {
        FaceToFaceReason.HomeObservation => "Observation du logement ou des conditions de vie",
        FaceToFaceReason.ChildProtectionEvaluation => "Évaluation d'une information préoccupante",
        FaceToFaceReason.ComplexRequest => "Demande complexe",
        FaceToFaceReason.FirstContact => "Première rencontre",
        FaceToFaceReason.Signature => "Signature de documents",
        FaceToFaceReason.CommunicationDifficulty => "Communication difficile à distance",
    };

    public static string French(this ContactDirection d) => d switch
    {
        ContactDirection.Incoming => "Reçu",
        ContactDirection.Outgoing => "Émis",
    };

    public static string French(this QuickContactKind k) => k switch
    {
        QuickContactKind.Call => "Appel",
        QuickContactKind.Sms => "SMS",
        QuickContactKind.Email => "Courriel",
    };
}
