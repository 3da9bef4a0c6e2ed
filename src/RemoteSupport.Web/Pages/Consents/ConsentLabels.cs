using RemoteSupport.Domain.Consents;
using RemoteSupport.Web.Infrastructure;

namespace RemoteSupport.Web.Pages.Consents;

public static class ConsentLabels
{
    /// <summary>The state of one modality in a few words, for forms and the interview page.</summary>
    public static string Describe(ConsentState state) => state.Decision switch
    {
        ConsentDecision.Granted => $"accord donné le {FrenchTime.FormatDate(state.Since)}",
        ConsentDecision.Refused => $"refusé le {FrenchTime.FormatDate(state.Since)}",
        ConsentDecision.Withdrawn => $"accord retiré le {FrenchTime.FormatDate(state.Since)}",
        null => "aucun accord recueilli",
    };
}
