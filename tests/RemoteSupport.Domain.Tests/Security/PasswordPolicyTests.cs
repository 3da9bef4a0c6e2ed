using RemoteSupport.Domain.Security;

namespace RemoteSupport.Domain.Tests.Security;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("Azerty123456!", "courants")]
    [InlineData("azertyuiop12", "courants")]
    [InlineData("!Soleil2026!!", "courants")]
    [InlineData("Motdepasse2026", "courants")]
    [InlineData("Aaaaaaaaaaa1!", "répète")]
    [InlineData("abababababab", "répète")]
    [InlineData("            A1!a", "sans compter les espaces")]
    [InlineData("Court1!", "au moins 12 caractères")]
    [InlineData("abcdefghijklm", "suite de caractères")]
    [InlineData("qsdfghjklmwx", "suite de caractères")]
    [InlineData("léa.martin@cd56.fr!", "adresse électronique")]
    [InlineData("LEA.MARTIN-2026", "adresse électronique")]
    [InlineData("Martin du Morbihan", "nom ou votre prénom")]
    [InlineData("Éléonore en vacances", "nom ou votre prénom")]
    public void Refuses_guessable_passwords_with_the_reason(string password, string reason)
    {
        var verdict = PasswordPolicy.Check(password, "lea.martin@cd56.fr", "Eléonore Martin");
        Assert.False(verdict.Allowed);
        Assert.Contains(reason, verdict.Reason);
    }

    [Theory]
    [InlineData("tartine de beurre salé")]
    [InlineData("Le chat dort sur la 4e marche")]
    [InlineData("kx7-Vannes-pluie")]
    [InlineData("Test!Password2026")]
    public void Accepts_long_unusual_passwords_without_composition_rules(string password) =>
        Assert.True(PasswordPolicy.Check(password, "lea.martin@cd56.fr", "Eléonore Martin").Allowed);

    [Fact]
    public void Each_lock_lasts_twice_the_previous_one_up_to_an_hour()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), LockoutPolicy.Duration(1));
        Assert.Equal(TimeSpan.FromMinutes(2), LockoutPolicy.Duration(2));
        Assert.Equal(TimeSpan.FromMinutes(4), LockoutPolicy.Duration(3));
        Assert.Equal(TimeSpan.FromMinutes(32), LockoutPolicy.Duration(6));
        Assert.Equal(TimeSpan.FromHours(1), LockoutPolicy.Duration(7));
        Assert.Equal(TimeSpan.FromHours(1), LockoutPolicy.Duration(500));
    }

    [Fact]
    public void A_department_sets_its_sign_in_settings_within_limits()
    {
        var department = new RemoteSupport.Domain.Departments.Department();
        Assert.Equal((false, 7, 30), (department.RequireTwoFactorForAll, department.TrustedBrowserDays, department.IdleTimeoutMinutes));
        department.ChangeSignInSettings(true, 0, 120);
        Assert.Equal((true, 0, 120), (department.RequireTwoFactorForAll, department.TrustedBrowserDays, department.IdleTimeoutMinutes));
        Assert.Throws<RemoteSupport.Domain.Common.DomainRuleException>(() => department.ChangeSignInSettings(false, 31, 30));
        Assert.Throws<RemoteSupport.Domain.Common.DomainRuleException>(() => department.ChangeSignInSettings(false, 7, 4));
        Assert.Throws<RemoteSupport.Domain.Common.DomainRuleException>(() => department.ChangeSignInSettings(false, 7, 121));
    }
}
