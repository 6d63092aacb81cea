using BekymringssamtaleService.Domain.Cases;
using Microsoft.Extensions.Options;

namespace BekymringssamtaleService.Web.Features.Retention;

/// <summary>
/// The section "Retention": how long a case that has ended is kept open to its unit, per how it ended
/// (<c>Retention:Periods:&lt;outcome&gt;</c>, the closing outcomes by their wire names and <c>cancelled</c> for a case
/// cancelled before it was closed), and how long it then stays blocked before its personal data and free text are
/// deleted (<c>Retention:DeleteAfterBlocked</c>). Periods are TimeSpans (<c>d.hh:mm:ss</c>, e.g. <c>365.00:00:00</c>).
/// </summary>
/// <remarks>
/// No source sets these periods (politiregisterloven leaves them to the purpose), so the defaults are the shortest that
/// serve it: a year where nothing was followed up (no further concern, the family declined or moved, the case was
/// cancelled): long enough that a new concern about the same youth is seen with the first. Three years where measures
/// ran or another agency took over, which may ask what was agreed and why. A blocked case is kept a further year for
/// complaints and control before its personal data goes.
/// </remarks>
public sealed class RetentionSettings
{
    public const string SectionName = "Retention";

    /// <summary>The period of a case cancelled (avbrutt) before it was closed: it has no outcome.</summary>
    public const string Cancelled = "cancelled";

    private static readonly TimeSpan OneYear = TimeSpan.FromDays(365);
    private static readonly TimeSpan ThreeYears = TimeSpan.FromDays(3 * 365);

    /// <summary>How long a case that ended so stays open to its unit before it is blocked, by closing outcome (or <c>cancelled</c>).</summary>
    public Dictionary<string, TimeSpan> Periods { get; init; } = new(StringComparer.Ordinal)
    {
        [CloseOutcome.NoFurtherConcern.WireName()] = OneYear,
        [CloseOutcome.MeasuresCompleted.WireName()] = ThreeYears,
        [CloseOutcome.HandedOverToChildWelfare.WireName()] = ThreeYears,
        [CloseOutcome.HandedOverToHealthService.WireName()] = ThreeYears,
        [CloseOutcome.HandedOverToCoreGroup.WireName()] = ThreeYears,
        [CloseOutcome.DeclinedByFamily.WireName()] = OneYear,
        [CloseOutcome.Moved.WireName()] = OneYear,
        [Cancelled] = OneYear,
    };

    /// <summary>How long a blocked case is kept before the nightly job deletes its personal data and free text.</summary>
    public TimeSpan DeleteAfterBlocked { get; init; } = OneYear;

    /// <summary>Every way a case ends that has a period: the closing outcomes and <see cref="Cancelled"/>.</summary>
    public static IReadOnlyList<string> Endings { get; } = [.. Enum.GetValues<CloseOutcome>().Select(outcome => outcome.WireName()), Cancelled];

    /// <summary>The longest period: a closed case whose outcome is not known is kept at least that long.</summary>
    public TimeSpan LongestPeriod => Periods.Values.Max();
}

/// <summary>Every period a positive span, and periods only for the ways a case ends (the defaults give each one); each failure names its setting.</summary>
public sealed class RetentionSettingsValidation : IValidateOptions<RetentionSettings>
{
    public ValidateOptionsResult Validate(string? name, RetentionSettings options)
    {
        var failures = new List<string>();
        foreach (var (ending, period) in options.Periods)
        {
            if (!RetentionSettings.Endings.Contains(ending))
            {
                failures.Add($"Retention:Periods:{ending} is not a way a case ends; the periods are {string.Join(", ", RetentionSettings.Endings)}.");
            }
            else if (period <= TimeSpan.Zero)
            {
                failures.Add($"Retention:Periods:{ending} must be a positive period (d.hh:mm:ss, e.g. 365.00:00:00).");
            }
        }

        if (options.DeleteAfterBlocked <= TimeSpan.Zero)
        {
            failures.Add("Retention:DeleteAfterBlocked must be a positive period (d.hh:mm:ss, e.g. 365.00:00:00).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
