using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RemoteSupport.Domain.Activity;

/// <summary>
/// The tamper evidence of the activity journal (ADR-0023): each entry carries its place in its department's chain and
/// a SHA-256 over its facts, a digest of its description and the previous entry's hash. Changing, removing or inserting
/// an entry breaks every hash after it.
/// </summary>
public sealed partial class ActivityLogEntry
{
    /// <summary>1, 2, 3… per department; null only for rows written outside the app (bulk benchmark data).</summary>
    public long? ChainSeq { get; internal set; }
    public string? PreviousHash { get; internal set; }
    public string? Hash { get; internal set; }
    /// <summary>SHA-256 of the description as written: kept when anonymisation wipes the description, so the chain holds.</summary>
    public string? DescriptionDigest { get; internal set; }
    /// <summary>True once anonymisation wiped the description (only for an anonymised person).</summary>
    public bool Redacted { get; internal set; }
}

public static class JournalChain
{
    /// <summary>PostgreSQL keeps microseconds: the hashed time is the stored one.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);

    public static long UnixMicroseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Places <paramref name="entry"/> after the entry (seq, hash) of its department, or first when there is none.</summary>
    public static void Seal(ActivityLogEntry entry, long previousSeq, string? previousHash)
    {
        entry.At = ToStoredPrecision(entry.At);
        entry.ChainSeq = previousSeq + 1;
        entry.PreviousHash = previousHash;
        entry.DescriptionDigest = Sha256Hex(entry.Description);
        entry.Hash = Compute(entry, entry.DescriptionDigest, previousHash);
    }

    /// <summary>
    /// The hash of an entry. The canonical text is one line per field; <c>Data/Journal/JournalChainSql</c> reproduces it
    /// in SQL for rows written before the chain existed, so both must change together.
    /// </summary>
    public static string Compute(ActivityLogEntry e, string descriptionDigest, string? previousHash) => Sha256Hex(string.Join('\n',
        (e.ChainSeq ?? 0).ToString(CultureInfo.InvariantCulture),
        e.DepartmentId.ToString(CultureInfo.InvariantCulture),
        e.PersonId?.ToString("D") ?? "",
        e.ActorId.ToString("D"),
        UnixMicroseconds(e.At).ToString(CultureInfo.InvariantCulture),
        e.Kind.ToString(),
        e.InterviewId?.ToString("D") ?? "",
        e.Modality?.ToString() ?? "",
        descriptionDigest,
        previousHash ?? ""));

    public enum BreakKind { MissingSeal, SequenceGap, PreviousHashMismatch, ContentChanged, RedactionWithoutAnonymisation }

    public sealed record Break(long EntryId, long? ChainSeq, BreakKind Kind);

    /// <summary>
    /// Walks one department's entries in chain order and returns the first break, or null when intact.
    /// <paramref name="anonymisedPersons"/> says which persons' descriptions may legitimately have been wiped.
    /// </summary>
    public static Break? FirstBreak(IEnumerable<ActivityLogEntry> entriesInChainOrder, Func<Guid, bool> anonymisedPersons)
    {
        var walker = new Walker(anonymisedPersons);
        foreach (var e in entriesInChainOrder)
        {
            if (walker.Next(e) is { } found) return found;
        }
        return null;
    }

    /// <summary>Checks entries one at a time, so a department's journal can be streamed rather than loaded.</summary>
    public sealed class Walker(Func<Guid, bool> anonymisedPersons)
    {
        private long _expected = 1;
        private string? _previous;

        public Break? Next(ActivityLogEntry e)
        {
            if (e.ChainSeq is null || e.Hash is null || e.DescriptionDigest is null) return new(e.Id, e.ChainSeq, BreakKind.MissingSeal);
            if (e.ChainSeq != _expected) return new(e.Id, e.ChainSeq, BreakKind.SequenceGap);
            if (e.PreviousHash != _previous) return new(e.Id, e.ChainSeq, BreakKind.PreviousHashMismatch);
            if (e.Redacted)
            {
                // A wiped description is legitimate only for a person who was anonymised, and leaves nothing behind.
                if (e.PersonId is not { } person || !anonymisedPersons(person) || e.Description.Length != 0)
                    return new(e.Id, e.ChainSeq, BreakKind.RedactionWithoutAnonymisation);
            }
            else if (Sha256Hex(e.Description) != e.DescriptionDigest)
            {
                return new(e.Id, e.ChainSeq, BreakKind.ContentChanged);
            }
            if (Compute(e, e.DescriptionDigest, _previous) != e.Hash) return new(e.Id, e.ChainSeq, BreakKind.ContentChanged);
            _previous = e.Hash;
            _expected++;
            return null;
        }
    }

    public static string French(this BreakKind k) => k switch
    {
        BreakKind.MissingSeal => "entrée sans empreinte (écrite hors de l'application)",
        BreakKind.SequenceGap => "entrée manquante ou insérée (numéro de séquence inattendu)",
        BreakKind.PreviousHashMismatch => "lien avec l'entrée précédente rompu",
        BreakKind.ContentChanged => "contenu modifié après coup",
        BreakKind.RedactionWithoutAnonymisation => "description effacée hors anonymisation",
    };
}
