using System.ComponentModel.DataAnnotations;

namespace BekymringssamtaleService.Web.Letters;

/// <summary>The section "Letters:Delivery": how often and how long a letter is tried when the mail server fails.</summary>
public sealed class LetterDeliverySettings
{
    public const string SectionName = "Letters:Delivery";

    /// <summary>Attempts before the letter becomes an incident; the default backoff spans about a day.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; init; } = 12;

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LongestRetryDelay { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Doubling from the first delay, capped: 30 s, 1 min, 2 min … 4 h.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var doublings = Math.Min(attempts - 1, 30);
        var delay = FirstRetryDelay * Math.Pow(2, doublings);
        return delay < LongestRetryDelay ? delay : LongestRetryDelay;
    }
}
