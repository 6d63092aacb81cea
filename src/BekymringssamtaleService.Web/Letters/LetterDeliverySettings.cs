using System.ComponentModel.DataAnnotations;

namespace BekymringssamtaleService.Web.Letters;

/// <summary>
/// The section "Letters:Delivery": how often and how long a letter is tried when the mail server fails, and how long a
/// claimed letter is one sender's.
/// </summary>
public sealed class LetterDeliverySettings
{
    public const string SectionName = "Letters:Delivery";

    /// <summary>Attempts before the letter becomes an incident; the default backoff spans about a day.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; init; } = 12;

    /// <summary>The wait before the second attempt; each further wait is twice the one before.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts, however many have failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LongestRetryDelay { get; init; } = TimeSpan.FromHours(4);

    /// <summary>
    /// How long a claimed letter is its sender's alone. A host that dies mid-batch leaves its letters under lease this
    /// long; then any host takes them (same Message-ID) at its next round (<c>Jobs:PollingInterval</c>). 15 s: what a
    /// crash left behind goes out within about 17 s of a host running again (the promise is 30 s), while a sender
    /// still has 10 s (<see cref="LeaseReserve"/> aside) for a batch of 20 over a slow server.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "00:10:00", ErrorMessage = "Letters:Delivery:LeaseDuration must be between 00:00:03 and 00:10:00.")]
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The end of a lease no send may reach into: a sender starts no letter and gives up waiting for the server once
    /// only this much is left, so the result is recorded before another host may take the letter, even by a clock
    /// slightly ahead of this host's.
    /// </summary>
    public TimeSpan LeaseReserve => LeaseDuration / 3;

    /// <summary>Doubling from the first delay, capped: 30 s, 1 min, 2 min … 4 h.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var doublings = Math.Min(attempts - 1, 30);
        var delay = FirstRetryDelay * Math.Pow(2, doublings);
        return delay < LongestRetryDelay ? delay : LongestRetryDelay;
    }
}
