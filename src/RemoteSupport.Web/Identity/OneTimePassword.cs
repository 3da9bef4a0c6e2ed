using System.Security.Cryptography;

namespace RemoteSupport.Web.Identity;

/// <summary>
/// The provisional password an administrator hands over once. Easy to read aloud (no 0/O, 1/l/I) and always
/// meeting Identity's rules (upper, lower, digit, symbol, 12+ characters); the user replaces it at first sign-in.
/// </summary>
public static class OneTimePassword
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Alphabet = Upper + Lower + Digits;

    public static string Generate()
    {
        while (true)
        {
            // Four groups of four, joined by dashes: 19 characters, the dashes are the symbol.
            var groups = Enumerable.Range(0, 4).Select(_ => new string(RandomNumberGenerator.GetItems<char>(Alphabet, 4)));
            var password = string.Join('-', groups);
            if (password.Any(Upper.Contains) && password.Any(Lower.Contains) && password.Any(Digits.Contains)) return password;
        }
    }
}
