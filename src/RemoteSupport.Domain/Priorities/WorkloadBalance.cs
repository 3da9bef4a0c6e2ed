namespace RemoteSupport.Domain.Priorities;

/// <summary>
/// The team lead's workload rule: a worker's figure is worth pointing out when it stands a quarter or more away from
/// the team's average (above: over-activity; below: imbalance), and by at least one whole unit, so small teams and
/// small numbers do not light up for nothing.
/// </summary>
public static class WorkloadBalance
{
    /// <summary>25 %: how far from the average a figure must be to be shown as a deviation.</summary>
    public const double Threshold = 0.25;
    /// <summary>The smallest gap that counts, in the figure's own unit (one person, one interview…).</summary>
    public const double MinimumGap = 1;

    /// <returns>Null when the value is within the threshold (or the average is zero), else the difference in percent, signed.</returns>
    public static int? Deviation(double value, double average)
    {
        if (average <= 0) return null;
        var ratio = (value - average) / average;
        return Math.Abs(ratio) >= Threshold && Math.Abs(value - average) >= MinimumGap ? (int)Math.Round(ratio * 100) : null;
    }
}
