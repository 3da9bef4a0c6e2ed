using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RemoteSupport.Web.Identity;

/// <summary>
/// A hash of a random password, made with the application's own hashing settings: the sign-in page checks a typed
/// password against it when there is no account (or no usable one), so every answer costs the same time.
/// </summary>
public sealed class DummyPassword(IOptions<PasswordHasherOptions> options)
{
    private readonly PasswordHasher<AppUser> _hasher = new(options);
    private readonly Lazy<string> _hash = new(() =>
        new PasswordHasher<AppUser>(options).HashPassword(new AppUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    /// <summary>Does the work of checking a password, and always answers no.</summary>
    public bool Verify(string password)
    {
        _hasher.VerifyHashedPassword(new AppUser(), _hash.Value, password);
        return false;
    }
}
