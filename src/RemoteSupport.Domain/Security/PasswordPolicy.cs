using System.Globalization;
using System.Reflection;
using System.Text;
using RemoteSupport.Domain.Common;

namespace RemoteSupport.Domain.Security;

/// <summary>
/// What makes a password acceptable (ANSSI, NIST SP 800-63B): length, and not being guessable — no composition rules.
/// At least 12 characters once the spaces around it are set aside, not a common password or a common word with digits
/// and signs tacked on, not a string of one or two repeated characters, not the account's address or name.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 200;

    private static readonly Lazy<HashSet<string>> Common = new(LoadBlockList);

    public static RuleResult Check(string password, string? email, string? displayName)
    {
        ArgumentNullException.ThrowIfNull(password);
        var trimmed = password.Trim();
        if (trimmed.Length < MinimumLength)
            return RuleResult.Refuse(trimmed.Length == password.Length
                ? $"Le mot de passe doit compter au moins {MinimumLength} caractères."
                : $"Le mot de passe doit compter au moins {MinimumLength} caractères, sans compter les espaces au début et à la fin.");
        if (password.Length > MaximumLength) return RuleResult.Refuse("Le mot de passe est trop long (200 caractères au plus).");

        var folded = Fold(trimmed);
        if (folded.Where(c => !char.IsWhiteSpace(c)).Distinct().Count() < 5)
            return RuleResult.Refuse("Ce mot de passe répète trop les mêmes caractères : choisissez-en un moins prévisible, par exemple une phrase.");
        if (IsCommon(folded))
            return RuleResult.Refuse("Ce mot de passe fait partie des mots de passe les plus courants : choisissez-en un moins prévisible, par exemple une phrase de plusieurs mots.");
        if (IsSequence(folded))
            return RuleResult.Refuse("Ce mot de passe est une suite de caractères du clavier ou de l'alphabet : choisissez-en un moins prévisible.");

        if (!string.IsNullOrWhiteSpace(email))
        {
            var address = Fold(email.Trim());
            var local = address.Split('@')[0];
            if (folded.Contains(address, StringComparison.Ordinal) || (local.Length >= 4 && folded.Contains(local, StringComparison.Ordinal)))
                return RuleResult.Refuse("Le mot de passe ne doit pas contenir votre adresse électronique.");
        }
        if (!string.IsNullOrWhiteSpace(displayName))
        {
            foreach (var part in Fold(displayName).Split([' ', '-', '\'', '.'], StringSplitOptions.RemoveEmptyEntries))
                if (part.Length >= 4 && folded.Contains(part, StringComparison.Ordinal))
                    return RuleResult.Refuse("Le mot de passe ne doit pas contenir votre nom ou votre prénom.");
        }
        return RuleResult.Ok;
    }

    /// <summary>A listed password, or a listed word with only digits and signs around it ("Azerty123456!", "!Soleil2026").</summary>
    private static bool IsCommon(string folded)
    {
        var compact = new string(folded.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (Common.Value.Contains(compact)) return true;
        var core = compact.Trim("0123456789!?.,;:*#@$%&+-_=/\\()[]{}<>'\"~^`|".ToCharArray());
        return core.Length == 0 || Common.Value.Contains(core);
    }

    /// <summary>Twelve or more characters that only walk along the alphabet, the digits or a keyboard row.</summary>
    private static bool IsSequence(string folded)
    {
        var compact = new string(folded.Where(char.IsLetterOrDigit).ToArray());
        if (compact.Length < 6) return false;
        string[] runs = ["abcdefghijklmnopqrstuvwxyz", "01234567890123456789", "azertyuiopqsdfghjklmwxcvbn", "qwertyuiopasdfghjklzxcvbnm", "azertyuiop", "qwertyuiop"];
        foreach (var run in runs)
        {
            var twice = run + run;
            if (twice.Contains(compact, StringComparison.Ordinal)) return true;
            var reversed = new string(twice.Reverse().ToArray());
            if (reversed.Contains(compact, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Lower case without accents, so "Éléonore" and "eleonore" are the same word.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var kept = decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark);
        return new string(kept.ToArray()).Normalize(NormalizationForm.FormC);
    }

    private static HashSet<string> LoadBlockList()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("RemoteSupport.Domain.Security.common-passwords.txt")
            ?? throw new InvalidOperationException("The block-list of common passwords is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim();
            if (entry.Length > 0 && !entry.StartsWith('#')) set.Add(Fold(entry));
        }
        return set;
    }
}

/// <summary>
/// How long an account stays locked after too many failures. Each further lock lasts twice the previous one, from one
/// minute up to an hour: a person who mistypes loses a minute; someone trying passwords gets a handful per hour, and
/// nobody can keep an owner out for long by failing on purpose (failures are also limited per client address).
/// </summary>
public static class LockoutPolicy
{
    public const int FailuresBeforeLock = 5;
    public static readonly TimeSpan First = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <param name="locksSoFar">How many times the account was locked since its last successful sign-in, this one included.</param>
    public static TimeSpan Duration(int locksSoFar)
    {
        if (locksSoFar <= 1) return First;
        var minutes = Math.Pow(2, Math.Min(locksSoFar - 1, 10));
        return TimeSpan.FromMinutes(Math.Min(minutes, Longest.TotalMinutes));
    }
}
