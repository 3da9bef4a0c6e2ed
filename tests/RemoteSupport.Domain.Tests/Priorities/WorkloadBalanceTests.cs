using RemoteSupport.Domain.Priorities;

namespace RemoteSupport.Domain.Tests.Priorities;

public sealed class WorkloadBalanceTests
{
    [Theory]
    [InlineData(25, 20, 25)]    // a quarter above: shown
    [InlineData(15, 20, -25)]   // a quarter below: shown
    [InlineData(24, 20, null)]  // within a quarter
    [InlineData(1, 0, null)]    // no average to compare with
    [InlineData(1.2, 0.8, null)] // half above, but less than one whole unit apart
    [InlineData(2, 1, 100)]
    public void A_figure_a_quarter_or_more_from_the_average_is_pointed_out(double value, double average, int? expected)
    {
        Assert.Equal(expected, WorkloadBalance.Deviation(value, average));
    }
}
