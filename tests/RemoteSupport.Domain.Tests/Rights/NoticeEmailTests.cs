using RemoteSupport.Domain.Messages;
using RemoteSupport.Domain.Persons;

namespace RemoteSupport.Domain.Tests.Rights;

public sealed class NoticeEmailTests
{
    private static readonly DateTimeOffset Asked = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(MessageStatus.Planned, NoticeEmailState.Waiting)]
    [InlineData(MessageStatus.Sending, NoticeEmailState.Waiting)]
    [InlineData(MessageStatus.Sent, NoticeEmailState.Settled)]
    [InlineData(MessageStatus.Delivered, NoticeEmailState.Settled)]
    [InlineData(MessageStatus.Failed, NoticeEmailState.Unsent)]
    [InlineData(MessageStatus.Cancelled, NoticeEmailState.Unsent)]
    public void A_notice_never_given_waits_for_its_e_mail_and_stays_to_give_when_the_e_mail_does_not_leave(MessageStatus status, NoticeEmailState expected) =>
        Assert.Equal(expected, NoticeEmail.StateOf(status, Asked, noticeGivenAt: null));

    [Theory]
    [InlineData(MessageStatus.Failed)]
    [InlineData(MessageStatus.Cancelled)]
    public void A_failed_e_mail_no_longer_matters_once_the_notice_was_given_after_it_was_asked_for(MessageStatus status)
    {
        Assert.Equal(NoticeEmailState.Settled, NoticeEmail.StateOf(status, Asked, noticeGivenAt: Asked.AddHours(2)));
        Assert.Equal(NoticeEmailState.Settled, NoticeEmail.StateOf(status, Asked, noticeGivenAt: Asked));
        // A notice given before the e-mail was asked for (an older one) does not cover the failure of the new one.
        Assert.Equal(NoticeEmailState.Unsent, NoticeEmail.StateOf(status, Asked, noticeGivenAt: Asked.AddDays(-30)));
    }

    [Fact]
    public void An_e_mail_still_to_leave_is_waiting_even_when_an_older_notice_was_given() =>
        Assert.Equal(NoticeEmailState.Waiting, NoticeEmail.StateOf(MessageStatus.Planned, Asked, noticeGivenAt: Asked.AddDays(-30)));
}
