using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RemoteSupport.Domain.Security;

namespace RemoteSupport.Web.Identity;

/// <summary>
/// Identity's user manager with two changes: a lock lasts longer each time (<see cref="LockoutPolicy"/>) instead of a
/// fixed, repeatable 15 minutes, and recovery codes are stored as hashes (a copy of the database does not give them).
/// </summary>
public sealed class AppUserManager(
    IUserStore<AppUser> store, IOptions<IdentityOptions> optionsAccessor, IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators, IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<AppUser>> logger,
    TimeProvider clock)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lockouts = (IUserLockoutStore<AppUser>)Store;
        var count = await lockouts.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count < LockoutPolicy.FailuresBeforeLock) return await UpdateUserAsync(user);
        user.LockoutCount++;
        Logger.LogWarning("User {UserId} locked out (lock number {LockoutCount})", user.Id, user.LockoutCount);
        await lockouts.SetLockoutEndDateAsync(user, clock.GetUtcNow() + LockoutPolicy.Duration(user.LockoutCount), CancellationToken);
        await lockouts.ResetAccessFailedCountAsync(user, CancellationToken);
        return await UpdateUserAsync(user);
    }

    /// <summary>Identity's own check reads the system clock; this one reads the application's, like the lock it set.</summary>
    public override async Task<bool> IsLockedOutAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await GetLockoutEnabledAsync(user)) return false;
        return await GetLockoutEndDateAsync(user) is { } end && end > clock.GetUtcNow();
    }

    public override async Task<IEnumerable<string>?> GenerateNewTwoFactorRecoveryCodesAsync(AppUser user, int number)
    {
        ArgumentNullException.ThrowIfNull(user);
        var codes = Enumerable.Range(0, number).Select(_ => NewRecoveryCode()).ToList();
        await ((IUserTwoFactorRecoveryCodeStore<AppUser>)Store).ReplaceCodesAsync(user, codes.Select(HashRecoveryCode), CancellationToken);
        var update = await UpdateAsync(user);
        return update.Succeeded ? codes : null;
    }

    public override async Task<IdentityResult> RedeemTwoFactorRecoveryCodeAsync(AppUser user, string code)
    {
        ArgumentNullException.ThrowIfNull(user);
        var redeemed = await ((IUserTwoFactorRecoveryCodeStore<AppUser>)Store).RedeemCodeAsync(user, HashRecoveryCode(code), CancellationToken);
        return redeemed ? await UpdateAsync(user) : IdentityResult.Failed(ErrorDescriber.RecoveryCodeRedemptionFailed());
    }

    /// <summary>
    /// Gives the account an authenticator key if it has none, without renewing the security stamp (Identity's
    /// ResetAuthenticatorKeyAsync would end the person's own session just for showing the enrolment page).
    /// </summary>
    public async Task<string> EnsureAuthenticatorKeyAsync(AppUser user)
    {
        var key = await GetAuthenticatorKeyAsync(user);
        if (!string.IsNullOrEmpty(key)) return key;
        key = GenerateNewAuthenticatorKey();
        await ((IUserAuthenticatorKeyStore<AppUser>)Store).SetAuthenticatorKeyAsync(user, key, CancellationToken);
        await UpdateUserAsync(user);
        return key;
    }

    /// <summary>Enrols an authenticator with a key known in advance (demo accounts, tests): the key is the whole secret.</summary>
    public async Task EnrolWithKeyAsync(AppUser user, string key)
    {
        await ((IUserAuthenticatorKeyStore<AppUser>)Store).SetAuthenticatorKeyAsync(user, key, CancellationToken);
        await ((IUserTwoFactorStore<AppUser>)Store).SetTwoFactorEnabledAsync(user, true, CancellationToken);
        await UpdateSecurityStampAsync(user);
    }

    /// <summary>Ten characters from an alphabet without look-alikes, shown as two groups of five (XXXXX-XXXXX).</summary>
    private static string NewRecoveryCode()
    {
        var chars = RandomNumberGenerator.GetItems<char>("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 10);
        return new string(chars, 0, 5) + "-" + new string(chars, 5, 5);
    }

    /// <summary>
    /// The codes are random (50 bits each), so a plain SHA-256 is enough to make the stored value useless; spaces,
    /// dashes and case do not matter when the person types one.
    /// </summary>
    public static string HashRecoveryCode(string code)
    {
        var normalized = new string((code ?? "").Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}

/// <summary>The password rules of <see cref="PasswordPolicy"/>, with the account's address and name.</summary>
public sealed class AppPasswordValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var verdict = PasswordPolicy.Check(password ?? "", user.Email, user.DisplayName);
        return Task.FromResult(verdict.Allowed
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "PasswordPolicy", Description = verdict.Reason! }));
    }
}

/// <summary>
/// The authenticator app's six-digit codes (RFC 6238: HMAC-SHA1, 30-second steps), checked against the application's
/// clock, one step of drift either way. Unlike Identity's own provider, a code is accepted once: the step it matched is
/// kept on the account and that step or an earlier one is refused afterwards.
/// </summary>
public sealed class AuthenticatorCodeProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string Name = "RemoteSupportAuthenticator";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var digits = new string((token ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (key is null || digits.Length != 6 || !digits.All(char.IsAsciiDigit)) return false;
        var secret = Totp.FromBase32(key);
        var now = Totp.StepAt(clock.GetUtcNow());
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Totp.Code(secret, step)), Encoding.ASCII.GetBytes(digits))) continue;
            if (user.LastTotpStep is { } last && step <= last) return false; // already used: a replayed code
            user.LastTotpStep = step;
            await manager.UpdateAsync(user);
            return true;
        }
        return false;
    }
}

/// <summary>RFC 6238 time-based codes, as authenticator apps compute them.</summary>
public static class Totp
{
    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / 30;

    public static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1; its known weakness (collisions) does not apply to an HMAC
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Trim().TrimEnd('=').Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var bytes = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0) throw new FormatException("Not a base32 key.");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
