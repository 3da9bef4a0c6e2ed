using RemoteSupport.Domain.Common;
using RemoteSupport.Domain.Departments;

namespace RemoteSupport.Domain.Tests.Departments;

public sealed class DepartmentTests
{
    [Fact]
    public void A_department_is_created_with_a_clean_code_and_name_and_the_default_settings()
    {
        var department = new Department(" cd56 ", "  Morbihan ");
        Assert.Equal(("CD56", "Morbihan"), (department.Code, department.Name));
        Assert.Equal([1, 2, 3, 4, 5], department.WorkingDays);
        Assert.Equal((new TimeOnly(9, 0), new TimeOnly(17, 30)), (department.WorkDayStart, department.WorkDayEnd));
        Assert.Equal((30, 45), (department.DefaultContactFrequencyDays, department.NotContactedAlertDays));
    }

    [Theory]
    [InlineData("C", "Un")]
    [InlineData("CD-56", "Tiret")]
    [InlineData("CD56", "  ")]
    [InlineData("ABCDEFGHIJKLMNOPQ", "Dix-sept caractères")]
    public void A_code_or_name_that_breaks_the_rules_is_refused(string code, string name)
    {
        Assert.Throws<DomainRuleException>(() => new Department(code, name));
        var department = new Department("CD56", "Morbihan");
        Assert.Throws<DomainRuleException>(() => department.Rename(code, name));
        Assert.Equal(("CD56", "Morbihan"), (department.Code, department.Name));
    }

    [Fact]
    public void The_working_window_must_end_after_it_starts()
    {
        var department = new Department("CD56", "Morbihan");
        department.ChangeWorkingHours(new TimeOnly(8, 30), new TimeOnly(16, 45));
        Assert.Equal((new TimeOnly(8, 30), new TimeOnly(16, 45)), (department.WorkDayStart, department.WorkDayEnd));

        var refusal = Assert.Throws<DomainRuleException>(() => department.ChangeWorkingHours(new TimeOnly(18, 0), new TimeOnly(8, 0)));
        Assert.Equal("La fin de la journée doit venir après son début.", refusal.Message);
        Assert.Throws<DomainRuleException>(() => department.ChangeWorkingHours(new TimeOnly(9, 0), new TimeOnly(9, 0)));
        // Nothing changed by a refusal.
        Assert.Equal((new TimeOnly(8, 30), new TimeOnly(16, 45)), (department.WorkDayStart, department.WorkDayEnd));
    }

    [Fact]
    public void Working_days_are_real_days_at_least_one_kept_in_order_once()
    {
        var department = new Department("CD56", "Morbihan");
        department.ChangeWorkingDays([4, 1, 2, 4]);
        Assert.Equal([1, 2, 4], department.WorkingDays);
        Assert.Equal("Cochez au moins un jour travaillé.", Assert.Throws<DomainRuleException>(() => department.ChangeWorkingDays([])).Message);
        Assert.Equal("Un des jours cochés n'existe pas.", Assert.Throws<DomainRuleException>(() => department.ChangeWorkingDays([1, 8])).Message);
        Assert.Equal([1, 2, 4], department.WorkingDays);

        // Thursday 10:00 is a working time; Wednesday is not a working day any more.
        Assert.True(department.IsWorkingTime(new DateTime(2026, 11, 26, 10, 0, 0), TimeSpan.FromMinutes(45)));
        Assert.False(department.IsWorkingTime(new DateTime(2026, 11, 25, 10, 0, 0), TimeSpan.FromMinutes(45)));
    }

    [Theory]
    [InlineData(0, 45)]
    [InlineData(366, 45)]
    [InlineData(30, 0)]
    [InlineData(30, 731)]
    public void Contact_rhythm_stays_within_its_bounds(int frequency, int alert)
    {
        var department = new Department("CD56", "Morbihan");
        Assert.Throws<DomainRuleException>(() =>
        {
            department.ChangeDefaultContactFrequency(frequency);
            department.ChangeNotContactedAlert(alert);
        });
        department.ChangeDefaultContactFrequency(365);
        department.ChangeNotContactedAlert(1);
        Assert.Equal((365, 1), (department.DefaultContactFrequencyDays, department.NotContactedAlertDays));
    }

    [Fact]
    public void The_sms_quiet_period_may_span_midnight_but_not_be_empty()
    {
        var department = new Department("CD56", "Morbihan");
        department.ChangeSmsQuietPeriod(new TimeOnly(20, 0), new TimeOnly(8, 0));
        Assert.True(department.IsSmsQuietTime(new TimeOnly(22, 0)));
        Assert.True(department.IsSmsQuietTime(new TimeOnly(7, 59)));
        Assert.False(department.IsSmsQuietTime(new TimeOnly(8, 0)));

        department.ChangeSmsQuietPeriod(new TimeOnly(12, 0), new TimeOnly(14, 0));
        Assert.True(department.IsSmsQuietTime(new TimeOnly(13, 0)));
        Assert.False(department.IsSmsQuietTime(new TimeOnly(20, 0)));

        var refusal = Assert.Throws<DomainRuleException>(() => department.ChangeSmsQuietPeriod(new TimeOnly(20, 0), new TimeOnly(20, 0)));
        Assert.Contains("période sans SMS", refusal.Message);
        Assert.Equal((new TimeOnly(12, 0), new TimeOnly(14, 0)), (department.SmsQuietFrom, department.SmsQuietUntil));
    }
}
