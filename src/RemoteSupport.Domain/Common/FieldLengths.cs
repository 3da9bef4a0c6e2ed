namespace RemoteSupport.Domain.Common;

/// <summary>
/// The longest text each field accepts, said once: the EF Core configurations size the columns with these and the
/// form validators refuse longer input with the same figures, so the database and the message never disagree.
/// </summary>
public static class FieldLengths
{
    public const int PersonName = 100;
    public const int Phone = 20;
    public const int Email = 254;
    public const int Address = 200;
    public const int PostalCode = 5;
    public const int City = 100;
    public const int Language = 60;
    public const int ClosureReason = 500;
    public const int ContactNote = 300;
    public const int ConsentComment = 500;
    public const int ContactSummary = 1000;
    public const int ReassignReason = 500;
    public const int JournalDescription = 2000;
    public const int AccessPage = 60;
}
