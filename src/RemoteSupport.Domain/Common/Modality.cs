namespace RemoteSupport.Domain.Common;

public enum Modality
{
    Phone,
    AudioConference,
    Video,
    Sms,
    /// <summary>A contact channel for messages (invitations, reminders), never an interview modality (ADR-0018).</summary>
    Email,
    /// <summary>
    /// Not a way to contact the person: their agreement to take part in a group session with other persons (issue 16),
    /// recorded and historised like every consent answer, never a remote contact (ADR-0027).
    /// </summary>
    Group,
}

public static class ModalityText
{
    public static string French(this Modality m) => m switch
    {
        Modality.Phone => "téléphone",
        Modality.AudioConference => "audioconférence",
        Modality.Video => "visioconférence",
        Modality.Sms => "SMS",
        Modality.Email => "e-mail",
        Modality.Group => "séance de groupe",
    };

    public static string FrenchTitle(this Modality m) => m switch
    {
        Modality.Phone => "Téléphone",
        Modality.AudioConference => "Audioconférence",
        Modality.Video => "Visioconférence",
        Modality.Sms => "SMS",
        Modality.Email => "E-mail",
        Modality.Group => "Participation à un groupe",
    };

    /// <summary>Modalities an interview can use (SMS is an exchange, not an interview).</summary>
    public static readonly Modality[] InterviewModalities = [Modality.Phone, Modality.AudioConference, Modality.Video];
    public static readonly Modality[] FallbackModalities = [Modality.AudioConference, Modality.Phone];
    /// <summary>Modalities a group session can use: the guide's group sessions are held by video or audio conference.</summary>
    public static readonly Modality[] GroupModalities = [Modality.Video, Modality.AudioConference];
    /// <summary>What a checklist prepares: the interview modalities and the group session.</summary>
    public static readonly Modality[] ChecklistModalities = [Modality.Phone, Modality.AudioConference, Modality.Video, Modality.Group];

    /// <summary>The name of a checklist: « Séance de groupe » for groups, the modality's name otherwise.</summary>
    public static string ChecklistTitle(this Modality m) => m == Modality.Group ? "Séance de groupe" : m.FrenchTitle();

    /// <summary>What a checklist's phases refer to: « la séance » or « l'entretien ».</summary>
    public static string ChecklistSubject(this Modality m) => m == Modality.Group ? "la séance" : "l'entretien";

    /// <summary>Ways to reach the person (every modality but the agreement to take part in a group).</summary>
    public static readonly Modality[] ContactModalities = [Modality.Phone, Modality.AudioConference, Modality.Video, Modality.Sms, Modality.Email];

    /// <summary>Is this a way to reach the person? The group agreement is not: it says whom they accept to meet.</summary>
    public static bool IsContact(this Modality m) => m != Modality.Group;
}
