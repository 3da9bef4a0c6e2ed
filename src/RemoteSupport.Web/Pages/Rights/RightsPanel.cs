using RemoteSupport.Domain.Persons;
using RemoteSupport.Web.Pages.Shared.Components.NoticeSending;

namespace RemoteSupport.Web.Pages.Rights;

/// <summary>
/// The rights panel of a person's page (<c>_RightsPanel.cshtml</c>): the file, and what is shown of the latest notice
/// e-mail (<see cref="NoticeSendingViewComponent.Data.Of"/>), read by the person's page with its messages.
/// </summary>
public sealed record RightsPanel(AccompaniedPerson Person, NoticeSendingViewComponent.Data? NoticeSending);
