namespace RemoteSupport.Domain.Common;

public enum Modality
{
    Phone,
    AudioConference,
    Video,
    Sms,
    /// <summary>A contact channel for messages (invitations, reminders), never an interview modality (ADR-0018).</summary>
    Email,
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
    };

    public static string FrenchTitle(this Modality m) => m switch
    {
        Modality.Phone => "Téléphone",
        Modality.AudioConference => "Audioconférence",
        Modality.Video => "Visioconférence",
        Modality.Sms => "SMS",
        Modality.Email => "E-mail",
    };

    /// <summary>Modalities an interview can use (SMS is an exchange, not an interview).</summary>
    public static readonly Modality[] InterviewModalities = [Modality.Phone, Modality.AudioConference, Modality.Video];
    public static readonly Modality[] FallbackModalities = [Modality.AudioConference, Modality.Phone];
}
