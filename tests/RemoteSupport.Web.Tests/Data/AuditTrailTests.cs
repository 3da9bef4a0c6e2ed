using Microsoft.EntityFrameworkCore;
using RemoteSupport.Domain.Activity;
using RemoteSupport.Web.Data;
using RemoteSupport.Web.Identity;

namespace RemoteSupport.Web.Tests.Data;

/// <summary>The audit helper and the one-time passwords, without a database.</summary>
public sealed class AuditTrailTests
{
    private static AppDbContext Offline() => new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql("Host=offline.invalid").Options);

    [Fact]
    public void Keeps_only_the_fields_that_changed()
    {
        var (before, after) = AuditTrail.Changes(
            new() { ["Name"] = "Pays de Vannes", ["Roles"] = new List<string> { "SocialWorker" }, ["Team"] = null },
            new() { ["Name"] = "Pays de Vannes", ["Roles"] = new List<string> { "SocialWorker", "TeamLead" }, ["Team"] = "Pays de Lorient" });
        Assert.Equal(["Roles", "Team"], before.Keys.Order());
        Assert.Equal(["Roles", "Team"], after.Keys.Order());
        Assert.Null(before["Team"]);
    }

    [Fact]
    public void Records_small_json_objects_and_never_a_secret()
    {
        using var db = Offline();
        var entry = AuditTrail.Record(db, Guid.NewGuid(), DateTimeOffset.UnixEpoch, AuditArea.Users, AuditAction.Update, "x", 56,
            new() { ["IsActive"] = true }, new() { ["IsActive"] = false });
        Assert.Equal("""{"IsActive":true}""", entry.Before);
        Assert.Equal("""{"IsActive":false}""", entry.After);

        Assert.Throws<ArgumentException>(() => AuditTrail.Record(db, Guid.NewGuid(), DateTimeOffset.UnixEpoch, AuditArea.Users,
            AuditAction.ResetPassword, "x", 56, null, new() { ["PasswordHash"] = "AQAAAA…" }));
        Assert.Throws<ArgumentException>(() => AuditTrail.Record(db, Guid.NewGuid(), DateTimeOffset.UnixEpoch, AuditArea.Users,
            AuditAction.Update, "x", 56, new() { ["securitystamp"] = "ABC" }, null));
    }

    [Fact]
    public void One_time_passwords_meet_the_password_rules_and_differ()
    {
        var passwords = Enumerable.Range(0, 500).Select(_ => OneTimePassword.Generate()).ToList();
        Assert.All(passwords, p =>
        {
            Assert.True(p.Length >= 12);
            Assert.Contains(p, char.IsUpper);
            Assert.Contains(p, char.IsLower);
            Assert.Contains(p, char.IsDigit);
            Assert.Contains(p, c => !char.IsLetterOrDigit(c));
            Assert.DoesNotContain(p, c => "0O1lI".Contains(c));
        });
        Assert.Equal(passwords.Count, passwords.Distinct().Count());
    }
}
