using RemoteSupport.Domain.Messages;

namespace RemoteSupport.Domain.Persons;

/// <summary>Where a person's latest notice e-mail stands, as far as their right to the notice is concerned.</summary>
public enum NoticeEmailState
{
    /// <summary>Nothing to say: it left (the notice counts as given), or a later notice made its failure moot.</summary>
    Settled,
    /// <summary>Planned or being sent: the notice is not given yet, and will be once it leaves.</summary>
    Waiting,
    /// <summary>Failed or cancelled, and no notice was given since: the person still has to receive it.</summary>
    Unsent,
}

public static class NoticeEmail
{
    /// <summary>
    /// The state of the notice e-mail asked for at <paramref name="requestedAt"/>, now in <paramref name="status"/>, for a
    /// person whose notice was last given at <paramref name="noticeGivenAt"/>. A failure matters only while no notice
    /// was given after the e-mail was asked for (by post, in person, or a later e-mail).
    /// </summary>
    public static NoticeEmailState StateOf(MessageStatus status, DateTimeOffset requestedAt, DateTimeOffset? noticeGivenAt) => status switch
    {
        MessageStatus.Planned or MessageStatus.Sending => NoticeEmailState.Waiting,
        MessageStatus.Failed or MessageStatus.Cancelled when noticeGivenAt is null || noticeGivenAt < requestedAt => NoticeEmailState.Unsent,
        _ => NoticeEmailState.Settled,
    };
}
